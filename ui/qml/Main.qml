pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Window

// The terminal's one window: a header that never changes (where am I, what time is it, is
// the network up), a StackView holding only the screen for the core's current step, and a
// footer whose 返回首页 is always in the same place so a resident who is lost has one way
// out. Screens are created when their step comes and destroyed when it goes, so nothing a
// resident typed or saw outlives its screen.
Window {
    id: root

    required property ShellViewModel vm

    objectName: "shell"
    width: 1280
    height: 800
    minimumWidth: 1280
    minimumHeight: 800
    visible: false
    title: qsTr("政务服务自助终端")
    color: Theme.background

    // Step name (kiosk.flow.Step) → the screen that shows it. A step whose screen is a
    // file of its own (the service screens, the form: ui/vm/screens.py) comes as
    // vm.screenSource and gets the shell as its session; a step with neither shows
    // MissingScreen, which says so, rather than a blank page.
    readonly property var screens: ({
        "home": homeScreen,
        "insert_card": insertCardScreen,
        "done": doneScreen,
        "query_result": queryResultScreen,
        "rate": ratingScreen,
        "rated": ratedScreen,
        "maintenance": maintenanceScreen,
        "photo": photoScreen,
        "query_scan": queryScanScreen,
        "teach": teachScreen
    })
    readonly property string step: vm.step

    function show(): void {
        var source = root.vm.screenSource
        var screen = root.screens[root.step]
        if (source.toString() !== "")
            stack.replace(null, source, {"session": root.vm}, StackView.Immediate)
        // A file that did not load (the log says why) must not leave a blank page.
        if (source.toString() === "" || stack.currentItem === null)
            stack.replace(null, screen === undefined ? missingScreen : screen, {},
                          StackView.Immediate)
    }
    onStepChanged: show()
    Component.onCompleted: show()

    Component { id: homeScreen; HomeScreen { vm: root.vm.home } }
    Component { id: insertCardScreen; InsertCardScreen { vm: root.vm.card } }
    Component {
        id: doneScreen
        DoneScreen { vm: root.vm.done; busy: root.vm.busy; onFinished: root.vm.endSession() }
    }
    Component { id: queryResultScreen; QueryResultScreen { vm: root.vm.query } }
    Component { id: ratingScreen; RatingScreen { vm: root.vm.rating } }
    Component { id: ratedScreen; RatedScreen { vm: root.vm.rating } }
    Component { id: maintenanceScreen; MaintenanceScreen { vm: root.vm.maintenance } }
    Component { id: photoScreen; PhotoScreen { vm: root.vm.photo; busy: root.vm.busy } }
    Component { id: queryScanScreen; QueryScanScreen { vm: root.vm.scan } }
    Component { id: teachScreen; TeachScreen { vm: root.vm.teach } }
    Component { id: missingScreen; MissingScreen { step: root.step; title: root.vm.title } }

    // 长辈模式 and 高对比度 are the visit's (chosen on the home screen, gone when it ends):
    // every size of every screen comes from Theme, so one number scales them all.
    Binding { target: Theme; property: "factor"; value: root.vm.elderMode ? Theme.elderFactor : 1.0 }
    Binding { target: Theme; property: "highContrast"; value: root.vm.highContrast }

    // While the on-screen keyboard is up in 长辈模式 it takes 472 of the 800 px (its keys and
    // labels are larger); the header steps aside and the page's top margin narrows then, so
    // the question being typed into or two rows of search results stay in sight above it
    // (the footer is under the keyboard anyway). Closing the keyboard brings both back.
    // (The input method held as var: qmllint types Qt.inputMethod as a plain QObject.)
    readonly property var inputMethod: Qt.inputMethod
    readonly property bool typingCompact: Theme.elder && root.inputMethod.visible === true

    // Header and footer (controls/ShellHeader.qml, ShellFooter.qml; Start.qml shows the same)
    ShellHeader {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        visible: !root.typingCompact
        regionName: root.vm.regionName
        maskedName: root.vm.maskedName
        networkKnown: root.vm.networkKnown
        online: root.vm.online
        queueDepth: root.vm.queueDepth
    }

    // The current screen -------------------------------------------------------------------
    StackView {
        id: stack
        objectName: "screens"
        clip: true  // a screen that runs long never draws over the footer's ways out
        anchors { left: parent.left; right: parent.right
                  top: root.typingCompact ? parent.top : header.bottom; bottom: footer.top }
        anchors.margins: Theme.margin
        anchors.topMargin: root.typingCompact ? Theme.gap : Theme.margin
        visible: !idleWarning.visible && !help.visible
        // No animation: an older resident should see the next page, not a slide.
        replaceEnter: null
        replaceExit: null
        pushEnter: null
        pushExit: null
        popEnter: null
        popExit: null
    }

    ShellFooter {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        visible: !idleWarning.visible
        helpOpen: root.vm.helpOpen
        step: root.step
        canGoBack: root.vm.canGoBack
        canGoHome: root.vm.canGoHome
        terminalId: root.vm.terminalId
        helpAvailable: true
        speaker: root.vm.speaker
        speakerAvailable: root.vm.speaker.available
        onHelp: root.vm.openHelp()
        onBack: root.vm.goBack()
        onHome: root.vm.endSession()
        onMaintenance: root.vm.openMaintenance()
    }

    HelpPanel {
        id: help
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: footer.top }
        z: 40
        visible: root.vm.helpOpen
        text: root.vm.helpText
        speaker: root.vm.speaker
        onRead: root.vm.readHelp()
        onClose: root.vm.closeHelp()
    }

    // Below the header (where am I, what time is it), over everything else; the page and
    // the footer are hidden meanwhile, not only covered, so nothing under it is read out.
    IdleWarning {
        id: idleWarning
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        z: 50
        secondsLeft: root.vm.idleSecondsLeft
        onKeepGoing: root.vm.keepGoing()
    }

    // Any press anywhere tells the view model the resident is still there. The press is
    // handed on (accepted = false), so buttons underneath still get it.
    MouseArea {
        anchors.fill: parent
        z: 100
        onPressed: (mouse) => {
            // Under 还需要更多时间吗？ a touch anywhere means 继续 and nothing more: kept
            // here (press and release), so it cannot also press what lies beneath.
            if (root.vm.idleSecondsLeft > 0) {
                root.vm.keepGoing()
                mouse.accepted = true
                return
            }
            root.vm.touched()
            mouse.accepted = false
        }
    }
}
