<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AnswerLine</name>
    <message>
        <location filename="../../ui/qml/screens/service/AnswerLine.qml" line="+37"/>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>BackButton</name>
    <message>
        <location filename="../../ui/qml/controls/BackButton.qml" line="+9"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ByNumberScreen</name>
    <message>
        <location filename="../../ui/qml/screens/query/ByNumberScreen.qml" line="+20"/>
        <source>输入办件编号查询</source>
        <translation>Type a case number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编号印在回执二维码下面；“一件事”编号可查到同一件事的全部办件。</source>
        <translation>The number is under the QR code on your receipt. A bundle number finds every case in the bundle.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>删除</source>
        <translation>Del</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>扫回执二维码</source>
        <translation>Scan QR code</translation>
    </message>
</context>
<context>
    <name>CheckAnswersScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/CheckAnswersScreen.qml" line="+42"/>
        <source>还有内容需要修改</source>
        <translation>Some things need changing</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>您的回答</source>
        <translation>Your answers</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>填写的信息</source>
        <translation>Your details</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>已使用以前办件的信息（点此不用）</source>
        <translation>Using details from an earlier case (tap to stop)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>使用以前办件中的信息：%1</source>
        <translation>Use details from an earlier case: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>容缺后补：</source>
        <translation>Hand in later: </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>我有，不用后补</source>
        <translation>I have it now</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>暂时没有，先办</source>
        <translation>Not yet, go ahead</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>承诺后不用再交：%1</source>
        <translation>With the commitment, no need for: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已签名承诺（点此撤回）</source>
        <translation>Commitment signed (tap to withdraw)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签名确认</source>
        <translation>Sign to confirm</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>个人信息保护</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已同意（点此撤回）</source>
        <translation>Agreed (tap to withdraw)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>我已阅读，同意</source>
        <translation>I have read it and agree</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>同意并提交</source>
        <translation>Agree and submit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同意个人信息保护告知</source>
        <translation>Agree to the privacy notice</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>点“同意并提交”，即表示您已阅读左边的个人信息保护告知，同意按告知使用您的信息</source>
        <translation>Pressing &quot;Agree and submit&quot; means you have read the privacy notice on the left and agree to your data being used as it says</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请先在左边（往下翻）阅读并同意个人信息保护告知</source>
        <translation>First read and agree to the personal data notice on the left (scroll down)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>左边还有要完成的内容（往下翻），例如告知承诺</source>
        <translation>Something on the left is not done yet (scroll down), such as the commitment</translation>
    </message>
</context>
<context>
    <name>CheckAnswersViewModel</name>
    <message>
        <location filename="../../ui/vm/service_answers.py" line="+50"/>
        <source>需要修改</source>
        <translation>Needs changing</translation>
    </message>
</context>
<context>
    <name>ChecklistScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/ChecklistScreen.qml" line="+19"/>
        <source>%1：您需要准备的材料</source>
        <translation>%1: what you need to bring</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>还有问题没有回答</source>
        <translation>Some questions are not answered yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标“视情形提供”的材料，要看这些问题的回答：</source>
        <translation>Documents marked &quot;Depends&quot; depend on these answers:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>需要到窗口办理</source>
        <translation>Must be done at a service counter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本次办理的事项</source>
        <translation>Services in this visit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（视回答而定）</source>
        <translation>(depends on your answers)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>办理条件</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>可以选择告知承诺：%1</source>
        <translation>You can choose a commitment: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>开始填表</source>
        <translation>Fill in the form</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>再打印一份</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印材料清单</source>
        <translation>Print the list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已打印，请在出纸口取走</source>
        <translation>Printed. Please take it from the slot</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>修改回答</source>
        <translation>Change answers</translation>
    </message>
</context>
<context>
    <name>CommonEntries</name>
    <message>
        <location filename="../../ui/qml/screens/service/CommonEntries.qml" line="+25"/>
        <source>常办
事项</source>
        <translation>Common
services</translation>
    </message>
</context>
<context>
    <name>CorrectionScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/CorrectionScreen.qml" line="+18"/>
        <source>需要补正的材料</source>
        <translation>Documents still needed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办件编号 %1（%2）。下面是需要补的全部材料，补齐后就能继续办理。</source>
        <translation>Case number %1 (%2). Below is everything still needed; once it is all in, your case goes on.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>请在%1前补交</source>
        <translation>Hand in by %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>交到哪里</source>
        <translation>Hand in at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询电话</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>这份清单由县里的政务服务平台发来。</source>
        <translation>This list comes from the county service platform.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台还没有发来详细清单，以上是本机记录的缺少材料；如有疑问请拨打咨询电话。</source>
        <translation>The platform has not sent its full list yet; above is what this terminal knows is missing. Call the enquiries number with any question.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>再打印一份</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印补正清单</source>
        <translation>Print the list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已打印，请在出纸口取走</source>
        <translation>Printed. Please take it from the slot</translation>
    </message>
</context>
<context>
    <name>DateWidget</name>
    <message>
        <location filename="../../ui/qml/form/DateWidget.qml" line="+50"/>
        <source>%1 年</source>
        <translation>%1 year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年</source>
        <translation>year</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 月</source>
        <translation>%1 month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月</source>
        <translation>month</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 日</source>
        <translation>%1 day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日</source>
        <translation>day</translation>
    </message>
</context>
<context>
    <name>DigitPad</name>
    <message>
        <location filename="../../ui/qml/controls/DigitPad.qml" line="+65"/>
        <location line="+4"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>DocumentCaptureScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/DocumentCaptureScreen.qml" line="+30"/>
        <source>请拍照：%1</source>
        <translation>Photograph: %1</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>请看清楚：字迹清楚就点“确认”，不清楚点“重拍”</source>
        <translation>Check it: if the writing is clear tap &quot;OK&quot;, if not tap &quot;Retake&quot;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已拍 %1 页</source>
        <translation>%1 pages taken</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>确认</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择其他方式</source>
        <translation>Another way</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../ui/qml/screens/done/DoneScreen.qml" line="+41"/>
        <source>提交成功</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办件编号：</source>
        <translation>Case number: </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>一件事编号：</source>
        <translation>Bundle number: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办理状态：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>请记住办件编号，凭它可以查询办理进度。</source>
        <translation>Keep the case number: it lets you check how your case is going.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>正在打印回执，请稍候……</source>
        <translation>Printing your receipt, please wait…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回执已打印，请从出纸口取走。</source>
        <translation>Your receipt (in Chinese) is printed. Please take it from the slot.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>评价</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ErrorSummary</name>
    <message>
        <location filename="../../ui/qml/form/ErrorSummary.qml" line="+37"/>
        <source>请先改正下面的问题</source>
        <translation>Please correct these first</translation>
    </message>
</context>
<context>
    <name>FieldFrame</name>
    <message>
        <location filename="../../ui/qml/form/FieldFrame.qml" line="+64"/>
        <source>（选填）</source>
        <translation> (optional)</translation>
    </message>
</context>
<context>
    <name>FindServiceScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/FindServiceScreen.qml" line="+19"/>
        <source>我要办事</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>搜索事项：可输入汉字、拼音或首字母</source>
        <translation>Search: type Chinese, pinyin or initials</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>一件事
一次办</source>
        <translation>One
visit</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>类</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1项</source>
        <translation>Services: %1</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../../ui/qml/form/FormView.qml" line="+180"/>
        <source>以下信息来自身份证，不用再填</source>
        <translation>These details come from your ID card; no need to type them</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>您以前在本机办理时填写过部分信息。同意后自动填入，您仍可修改。</source>
        <translation>You filled in some of this on an earlier visit. Agree and it is filled in for you; you can still change it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>同意使用以前填写的信息</source>
        <translation>Use my earlier details</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>上一步</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/GuideScreen.qml" line="+28"/>
        <source>部分事项可能要到窗口办理</source>
        <translation>Some services may need a visit to a counter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>这个事项需要到窗口办理</source>
        <translation>This service is done at a counter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收费</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理方式</source>
        <translation>How</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理部门</source>
        <translation>Office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询电话</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>一次办好这些事项</source>
        <translation>These services in one go</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>谁可以办</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>需要的材料</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>可以选择“%1”：如实承诺后可以少交部分材料，办理更快。</source>
        <translation>You can choose &quot;%1&quot;: with a truthful commitment you bring fewer documents and it goes faster.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>温馨提示</source>
        <translation>Good to know</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>开始填表</source>
        <translation>Fill in the form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>先回答几个问题</source>
        <translation>A few questions first</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打印材料清单</source>
        <translation>Print the list</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <location filename="../../ui/qml/controls/HelpPanel.qml" line="+18"/>
        <location line="+11"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>读给我听</source>
        <translation>Read it to me</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>知道了</source>
        <translation>Got it</translation>
    </message>
</context>
<context>
    <name>HomeButton</name>
    <message>
        <location filename="../../ui/qml/controls/HomeButton.qml" line="+9"/>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/qml/screens/home/HomeScreen.qml" line="+20"/>
        <source>您好！请点一下您要办的事</source>
        <translation>Hello! Tap what you would like to do</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>怎么用</source>
        <translation>How to use</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✓ 长辈模式</source>
        <translation>✓ Senior mode</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>长辈模式</source>
        <translation>Senior mode</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✓ 高对比度</source>
        <translation>✓ High contrast</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>切换语言，只在这次办事中有效</source>
        <translation>Change the language, for this visit only</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>我要办事</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>养老保险、医疗保险、高龄津贴等</source>
        <translation>Pension, medical insurance, old-age allowance and more</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>查看办事指南</source>
        <translation>Service guides</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>要带什么材料，不用身份证</source>
        <translation>What to bring; no ID card needed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办件查询</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>看看办到哪一步了</source>
        <translation>See how far your case has got</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>好差评</source>
        <translation>Rate a service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为办过的事打分</source>
        <translation>Rate a case you filed</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <location filename="../../ui/qml/controls/IdleWarning.qml" line="+35"/>
        <source>还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 秒后将返回首页，并清除您填写的信息</source>
        <translation>In %1 seconds the terminal goes home and clears what you typed</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>InsertCardScreen</name>
    <message>
        <location filename="../../ui/qml/screens/card/InsertCardScreen.qml" line="+31"/>
        <source>读卡区</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>照片一面朝上，平放不动，
读好后会自动进入下一步。</source>
        <translation>Photo side up, keep it still;
the next step starts by itself once it is read.</translation>
    </message>
</context>
<context>
    <name>KeyboardPanel</name>
    <message>
        <location filename="../../ui/qml/controls/KeyboardPanel.qml" line="+23"/>
        <source>键盘</source>
        <translation>Keyboard</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/qml/Main.qml" line="+22"/>
        <source>政务服务自助终端</source>
        <translation>Government self-service terminal</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../../ui/qml/screens/maintenance/MaintenanceScreen.qml" line="+19"/>
        <source>维护信息</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>技术人员使用  ·  更新于 %1</source>
        <translation>For technicians  ·  updated %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>终端编号</source>
        <translation>Terminal ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政区划</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端登记</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台连接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上次联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待上传</source>
        <translation>To upload</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 件</source>
        <translation>%1 cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待上报日志</source>
        <translation>Log queue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 条</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务目录</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>版本 %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>存储空间</source>
        <translation>Free space</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端时钟</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>已搁置 %1 件（多次发送被平台拒绝）</source>
        <translation>%1 parked (refused by the platform several times)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有搁置的办件</source>
        <translation>Nothing parked</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>摄像头：%1</source>
        <translation>Camera: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>软件版本：%1</source>
        <translation>Software: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>已尝试 %1 次</source>
        <translation>%1 attempts</translation>
    </message>
</context>
<context>
    <name>MaterialCard</name>
    <message>
        <location filename="../../ui/qml/screens/service/MaterialCard.qml" line="+54"/>
        <source>本机已有，不用带</source>
        <translation>Already here; no need to bring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必须提供</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可选提供</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>视情形提供</source>
        <translation>Depends</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>说明：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>用于：</source>
        <translation>For: </translation>
    </message>
</context>
<context>
    <name>MaterialLine</name>
    <message>
        <location filename="../../ui/vm/service_guide.py" line="+39"/>
        <source>原件%1份</source>
        <translation>original ×%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复印件%1份</source>
        <translation>copy ×%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>暂时没有可以先办，%1个工作日内补交（容缺受理）</source>
        <translation>Don&apos;t have it yet? Go ahead and hand it in within %1 working days</translation>
    </message>
</context>
<context>
    <name>MaterialStatusLine</name>
    <message>
        <location filename="../../ui/vm/service_answers.py" line="+17"/>
        <source>可以先办，%1个工作日内补交</source>
        <translation>you may go ahead and hand it in within %1 working days</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/MaterialsScreen.qml" line="+21"/>
        <source>请提供以下材料</source>
        <translation>Please provide these documents</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>拍照设备不能用</source>
        <translation>The camera is not working</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>这些材料需要您带到窗口</source>
        <translation>Bring these documents to a counter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可以打印材料清单带走</source>
        <translation>You can print the list and take it with you</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>（%1）</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>用途：%1</source>
        <translation>For: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>请带原件到窗口核验</source>
        <translation>Bring the original to a counter</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>我没有带</source>
        <translation>I don&apos;t have it</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还差：%1</source>
        <translation>Still missing: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>打印材料清单</source>
        <translation>Print the list</translation>
    </message>
</context>
<context>
    <name>MissingScreen</name>
    <message>
        <location filename="../../ui/qml/screens/MissingScreen.qml" line="+17"/>
        <source>这一步暂时不能在本机办理</source>
        <translation>This step is not available on this terminal yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1”暂时不能在本机办理</source>
        <translation>&quot;%1&quot; is not available on this terminal yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机的这个页面还没有准备好。</source>
        <translation>This page is not ready on this terminal.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请点“返回首页”，或找工作人员帮您办理。</source>
        <translation>Tap &quot;Home&quot;, or ask the staff to help you.</translation>
    </message>
</context>
<context>
    <name>PagedGrid</name>
    <message>
        <location filename="../../ui/qml/controls/PagedGrid.qml" line="+25"/>
        <source>项</source>
        <translation>items</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>‹ 上一页</source>
        <translation>‹ Previous</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>第 %1 / %2 页（共 %3 %4）</source>
        <translation>Page %1 / %2 (%3 %4)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>下一页 ›</source>
        <translation>Next ›</translation>
    </message>
</context>
<context>
    <name>PhotoScreen</name>
    <message>
        <location filename="../../ui/qml/screens/photo/PhotoScreen.qml" line="+16"/>
        <source>请拍照：%1</source>
        <translation>Photograph: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第 %1 / %2 份</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已拍好</source>
        <translation>Taken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拍照区</source>
        <translation>Photo area</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>正在拍照…</source>
        <translation>Taking the photo…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
</context>
<context>
    <name>PortraitScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/PortraitScreen.qml" line="+30"/>
        <source>拍照：%1</source>
        <translation>Photo: %1</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>照片清楚就点“确认”，不满意点“重拍”</source>
        <translation>If the photo is clear tap &quot;OK&quot;, if not tap &quot;Retake&quot;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请正对镜头，把脸放在框里，不要戴帽子</source>
        <translation>Face the camera, keep your face in the frame, no hat</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>确认</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择其他方式</source>
        <translation>Another way</translation>
    </message>
</context>
<context>
    <name>PreviewHost</name>
    <message>
        <location filename="../../ui/qml/screens/service/PreviewHost.qml" line="+31"/>
        <source>政务服务自助终端</source>
        <translation>Government self-service terminal</translation>
    </message>
</context>
<context>
    <name>PrintProblemScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/PrintProblemScreen.qml" line="+26"/>
        <source>回执二维码</source>
        <translation>Receipt QR code</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>“一件事”编号：</source>
        <translation>Bundle number: </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>再打印一次</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已记下，继续</source>
        <translation>Noted, go on</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/ProblemScreen.qml" line="+42"/>
        <source>您已经做的都保存着，不用从头再来。</source>
        <translation>Everything you did is saved; no need to start again.</translation>
    </message>
</context>
<context>
    <name>ProblemViewModel</name>
    <message>
        <location filename="../../ui/vm/service_done.py" line="+43"/>
        <source>第%1项</source>
        <translation>Item %1</translation>
    </message>
</context>
<context>
    <name>QueryResultScreen</name>
    <message>
        <location filename="../../ui/qml/screens/query/QueryResultScreen.qml" line="+16"/>
        <source>我的办件</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>按编号查询</source>
        <translation>Search by number</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>在这台机器上办理的事项会显示在这里</source>
        <translation>Cases filed on this terminal are listed here</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>补打回执</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>看补正</source>
        <translation>See list</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>评价</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>‹ 上一页</source>
        <translation>‹ Previous</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>第 %1 / %2 页（共 %3 件）</source>
        <translation>Page %1 / %2 (%3 cases)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>下一页 ›</source>
        <translation>Next ›</translation>
    </message>
</context>
<context>
    <name>QueryScanScreen</name>
    <message>
        <location filename="../../ui/qml/screens/query/QueryScanScreen.qml" line="+23"/>
        <source>本机暂时还不能扫码</source>
        <translation>This terminal cannot scan codes yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫码查询即将开放。</source>
        <translation>Scanning receipts is coming soon.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请点“输入办件编号”，照着回执上的编号输入。</source>
        <translation>Tap &quot;Type the case number&quot; and type the number on your receipt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>输入办件编号</source>
        <translation>Type the case number</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/QuestionScreen.qml" line="+22"/>
        <source>第 %1 题，共 %2 题</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>已选</source>
        <translation>Chosen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>岁</source>
        <translation>years</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不清楚</source>
        <translation>Not sure</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>RatedScreen</name>
    <message>
        <location filename="../../ui/qml/screens/rating/RatedScreen.qml" line="+42"/>
        <source>您的意见会转给相关部门，帮助我们改进服务。</source>
        <translation>Your opinion goes to the department concerned and helps us improve.</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../ui/qml/screens/rating/RatingScreen.qml" line="+57"/>
        <source>请您为这次服务打分</source>
        <translation>Please rate this service</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>办件编号 %1</source>
        <translation>Case number %1</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>点一下表情，再点“提交评价”</source>
        <translation>Tap a face, then &quot;Submit rating&quot;</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+127"/>
        <source>不评价</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location line="-118"/>
        <location line="+111"/>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>请留下手机号码，工作人员会给您回电了解情况</source>
        <translation>Leave your mobile number; the staff will call you back</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>重新选择</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>哪里不满意？（请至少选一项）</source>
        <translation>What went wrong? (choose at least one)</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>您的手机号码（回电用）</source>
        <translation>Your mobile number (for the call back)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请用下面的数字键输入</source>
        <translation>Type it on the keys below</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+21"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>RepeatButton</name>
    <message>
        <location filename="../../ui/qml/controls/RepeatButton.qml" line="+13"/>
        <source>再听一遍</source>
        <translation>Repeat</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/ScanScreen.qml" line="+30"/>
        <source>亮证扫码：%1</source>
        <translation>Show e-certificate: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>没有用上这个二维码</source>
        <translation>That QR code could not be used</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>选择其他方式</source>
        <translation>Another way</translation>
    </message>
</context>
<context>
    <name>ScrollPage</name>
    <message>
        <location filename="../../ui/qml/screens/service/ScrollPage.qml" line="+70"/>
        <source>▲ 上一屏</source>
        <translation>▲ Up</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>▼ 下一屏</source>
        <translation>▼ Down</translation>
    </message>
</context>
<context>
    <name>ServiceDoneScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/ServiceDoneScreen.qml" line="+35"/>
        <source>✓ 提交成功</source>
        <translation>✓ Submitted</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>提交成功</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>“一件事”编号（凭它可查全部事项）</source>
        <translation>Bundle number (finds every case in it)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>办件编号：</source>
        <translation>Case number: </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>回执已打印，请在出纸口取走</source>
        <translation>Your receipt (in Chinese) is printed. Please take it from the slot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在打印回执…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>去评价</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不评价，直接离开</source>
        <translation>Skip rating and leave</translation>
    </message>
</context>
<context>
    <name>ServiceListScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/ServiceListScreen.qml" line="+49"/>
        <location line="+22"/>
        <source>搜索事项</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>输入事项名称、拼音或首字母，例如：养老、yanglao、ylbx</source>
        <translation>Type a name, pinyin or initials, e.g. yanglao or ylbx</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>输入后，下面会列出找到的事项，点一下查看办事指南。</source>
        <translation>What you type lists matching services below; tap one for its guide.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>项</source>
        <translation>items</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>一件事：</source>
        <translation>Bundle: </translation>
    </message>
</context>
<context>
    <name>ShellFooter</name>
    <message>
        <location filename="../../ui/qml/controls/ShellFooter.qml" line="+53"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>需要帮助请找工作人员  ·  政务服务便民热线 12345</source>
        <translation>Need help? Ask the staff  ·  Service hotline 12345</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本页只读，不显示居民信息</source>
        <translation>Read-only page; no resident data shown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长时间不操作，将自动返回首页并清除您的信息</source>
        <translation>If you do nothing for a while, the terminal goes home and clears your data</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>终端 %1</source>
        <translation>Terminal %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>技术人员：按住三秒打开维护信息</source>
        <translation>Technicians: hold for three seconds to open maintenance</translation>
    </message>
</context>
<context>
    <name>ShellHeader</name>
    <message>
        <location filename="../../ui/qml/controls/ShellHeader.qml" line="+23"/>
        <source>政务服务自助终端</source>
        <translation>Government self-service terminal</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>网络正常</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网络断开</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待上传 %1 件</source>
        <translation>%1 waiting to upload</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1月%2日</source>
        <translation>%1/%2</translation>
    </message>
</context>
<context>
    <name>SignatureScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/SignatureScreen.qml" line="+25"/>
        <source>请阅读并签名：%1</source>
        <translation>Read and sign: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>签署后不用再提供：%1</source>
        <translation>Once signed, no need for: %1</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>签名没有成功</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>确认</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重签</source>
        <translation>Sign again</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <location filename="../../ui/qml/Start.qml" line="+23"/>
        <source>政务服务自助终端</source>
        <translation>Government self-service terminal</translation>
    </message>
</context>
<context>
    <name>TeachScreen</name>
    <message>
        <location filename="../../ui/qml/screens/teach/TeachScreen.qml" line="+36"/>
        <source>上一步</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>从头再看</source>
        <translation>Start again</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>我知道了</source>
        <translation>I understand</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>第 %1 步，共 %2 步</source>
        <translation>Step %1 of %2</translation>
    </message>
</context>
<context>
    <name>kiosk</name>
    <message>
        <location filename="../../kiosk/flow/problems.py" line="+24"/>
        <source>如需帮助，请联系工作人员或拨打12345</source>
        <translation>For help, ask the staff or call 12345</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>还有内容需要修改</source>
        <translation>Some things need changing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交前发现有内容需要修改，您填写的内容都还在。</source>
        <translation>Some things need changing before you submit. Everything you typed is still here.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请按下面的提示逐项修改，改好后再提交。</source>
        <translation>Change each one as shown below, then submit again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>去修改</source>
        <translation>Change it</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>评价还差一点</source>
        <translation>The rating is not complete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请补充后再提交，也可以不评价直接离开。</source>
        <translation>Add what is missing and submit, or leave without rating.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回评价</source>
        <translation>Back to rating</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机没有纸了</source>
        <translation>The printer is out of paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <location line="+6"/>
        <source>办件已经保存好了，只是回执没有打印出来。</source>
        <translation>Your case is saved; only the receipt did not print.</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>请记下或拍下屏幕上的办件编号，凭编号随时查询；工作人员加纸后可在“办件查询”里补打回执。</source>
        <translation>Write down or photograph the case number on the screen; it lets you check your case any time. Once the staff add paper, you can reprint the receipt under &quot;My cases&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <location line="+6"/>
        <source>再打印一次</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>打印机卡纸了</source>
        <translation>The printer has a paper jam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请记下屏幕上的办件编号，并告诉工作人员处理卡纸；之后可在“办件查询”里补打。</source>
        <translation>Write down the case number on the screen and tell the staff about the jam; you can reprint later under &quot;My cases&quot;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机暂时不能用</source>
        <translation>The printer is not working</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请记下屏幕上的办件编号，凭编号随时查询；也可以请工作人员补打回执。</source>
        <translation>Write down the case number on the screen; it lets you check your case any time. The staff can also reprint the receipt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>摄像头暂时不能用</source>
        <translation>The camera is not working</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可以稍后再试，或带上材料原件到窗口办理。</source>
        <translation>Try again later, or bring the originals to a counter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机存储空间已满</source>
        <translation>This terminal&apos;s storage is full</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这台终端暂时不能保存新的办件，您这次填写的内容没有提交。</source>
        <translation>This terminal cannot save new cases for now. What you filled in was not submitted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请联系工作人员清理终端，或到便民服务中心窗口办理。如需帮助，请联系工作人员或拨打12345</source>
        <translation>Ask the staff to clear the terminal, or go to a counter at the service centre. For help, ask the staff or call 12345</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机暂时无法保存</source>
        <translation>This terminal cannot save right now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这台终端暂时不能保存，您这次的内容没有提交。</source>
        <translation>This terminal cannot save for now. Your case was not submitted.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请稍等片刻再试一次；如果还不行，请联系工作人员。</source>
        <translation>Wait a moment and try again; if it still fails, ask the staff.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有找到这个办事事项</source>
        <translation>This service was not found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本终端的事项目录里暂时没有这个事项，可能目录正在更新。</source>
        <translation>This service is not in this terminal&apos;s list for now; the list may be updating.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请回到“我要办事”重新选择，或到便民服务中心窗口咨询。</source>
        <translation>Go back to &quot;Apply&quot; and choose again, or ask at a counter of the service centre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重新选择</source>
        <translation>Choose again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暂时连不上县里的政务服务平台</source>
        <translation>The county service platform cannot be reached</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网络或平台暂时不通，只能显示本机保存的记录。</source>
        <translation>The network or the platform is down; only records saved on this terminal can be shown.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可以稍后再查，或拨打12345询问办理进度。</source>
        <translation>Check again later, or call 12345 to ask about your case.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="_kiosk_tables.py" line="+26"/>
        <source>出了点问题</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端遇到了一个没有预料到的问题。</source>
        <translation>The terminal met a problem it did not expect.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请再试一次；如果还不行，请联系工作人员。如需帮助，请联系工作人员或拨打12345</source>
        <translation>Please try again; if it still fails, ask the staff. For help, ask the staff or call 12345</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>读卡器暂时不能用</source>
        <translation>The card reader is not working</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请联系工作人员检查读卡器，或到便民服务中心窗口办理。</source>
        <translation>Ask the staff to check the card reader, or go to a counter at the service centre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有读出身份证</source>
        <translation>The ID card could not be read</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请把身份证取下来，平放在读卡区，等“嘀”声后再拿开。</source>
        <translation>Take the card off, lay it flat on the reader, and lift it only after the beep.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这张证件不能办理</source>
        <translation>This card cannot be used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请换一张有效的证件，或到便民服务中心窗口办理。</source>
        <translation>Use another valid card, or go to a counter at the service centre.</translation>
    </message>
    <message>
        <location filename="_kiosk_tables.py" line="-22"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请放身份证</source>
        <translation>Place your ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我要办事</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按部门找</source>
        <translation>By topic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>智能导办</source>
        <translation>Questions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料清单</source>
        <translation>Document list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写表单</source>
        <translation>Fill in the form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拍照上传材料</source>
        <translation>Photograph documents</translation>
    </message>
    <message>
        <location filename="../../kiosk/materials.py" line="+145"/>
        <source>1份</source>
        <translation>1 copy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请带上%1（%2）到便民服务中心窗口办理，可以打印材料清单带走</source>
        <translation>Bring %1 (%2) to a counter at the service centre; you can print the list to take with you</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="_kiosk_tables.py" line="+1"/>
        <source>亮证扫码</source>
        <translation>Show e-certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在手机上打开电子证照，把“亮证”二维码对准镜头</source>
        <translation>Open the e-certificate on your phone and hold its QR code to the camera</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>现在没有也可以先办，%1个工作日内（%2前）补交</source>
        <translation>Don&apos;t have it now? Go ahead, and hand it in within %1 working days (by %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>现在没有也可以先办，%1个工作日内补交</source>
        <translation>Don&apos;t have it now? Go ahead, and hand it in within %1 working days</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>签告知承诺</source>
        <translation>Sign a commitment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签署《%1》代替这份材料</source>
        <translation>Sign &quot;%1&quot; instead of this document</translation>
    </message>
    <message>
        <location filename="_kiosk_tables.py" line="+1"/>
        <source>签署告知承诺</source>
        <translation>Sign the commitment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对信息</source>
        <translation>Check your details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交成功</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回执没有打印出来</source>
        <translation>The receipt did not print</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>感谢评价</source>
        <translation>Thank you</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件查询</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入办件编号</source>
        <translation>Type the case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫描回执二维码</source>
        <translation>Scan the receipt&apos;s QR code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需要补正的材料</source>
        <translation>Documents still needed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>维护信息</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>怎么用</source>
        <translation>How to use</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已提交，等待上传</source>
        <translation>Submitted, waiting to upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需要补正材料</source>
        <translation>Documents needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已拍照上传</source>
        <translation>Photographed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已读卡核验</source>
        <translation>Checked by card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已调用电子证照</source>
        <translation>E-certificate used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据共享核验，免提交</source>
        <translation>Checked by data sharing; not needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端已生成</source>
        <translation>Made by the terminal</translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/materials_step.py" line="+35"/>
        <source>在手机上打开电子证照，点“亮证”，把二维码对准镜头</source>
        <translation>Open the e-certificate on your phone, tap &quot;Show&quot;, and hold the QR code to the camera</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/materials.py" line="-11"/>
        <source>把材料平放在高拍仪下面，会自动拍照</source>
        <translation>Lay the document flat under the camera; the photo is taken by itself</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请用手指在下面的框里签上您的名字</source>
        <translation>Sign your name with your finger in the box below</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/materials.py" line="-1"/>
        <source>拍照上传</source>
        <translation>Take a photo</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>已拍照%1页</source>
        <translation>%1 pages photographed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已扫电子证照%1（由部门核验）</source>
        <translation>Scanned%1 (office checks it)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>容缺后补：%1</source>
        <translation>Hand in later: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/materials.py" line="+6"/>
        <location filename="_kiosk_tables.py" line="+1"/>
        <source>容缺后补</source>
        <translation>Hand in later</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已签告知承诺代替</source>
        <translation>Replaced by a signed commitment</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>请提供以下材料</source>
        <translation>Please provide these documents</translation>
    </message>
    <message>
        <location filename="_kiosk_tables.py" line="+1"/>
        <source>以告知承诺代替</source>
        <translation>Replaced by a commitment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请携带原件到窗口核验</source>
        <translation>Bring the original to a counter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可在本终端全程自助办理</source>
        <translation>Can be done fully on this terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可在本终端提交，审核后办结</source>
        <translation>Submit here; finished after review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本终端可预填和打印，需到窗口办理</source>
        <translation>Fill in and print here; file it at a counter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常满意</source>
        <translation>Very good</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意</source>
        <translation>Good</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不满意</source>
        <translation>Poor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常不满意</source>
        <translation>Very poor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>来自电子证照</source>
        <translation>From your e-certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来自您以前办理的事项</source>
        <translation>From an earlier case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读身份证即可</source>
        <translation>read from your ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可用电子证照代替</source>
        <translation>an e-certificate will do</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可通过数据共享核验</source>
        <translation>checked through data sharing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端自动生成</source>
        <translation>made by the terminal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可在终端拍照上传</source>
        <translation>can be photographed here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请自备</source>
        <translation>bring your own</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由同一件事中前面的事项生成</source>
        <translation>made by an earlier service in the bundle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请将身份证放在读卡区</source>
        <translation>Please place your ID card on the reader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有查到办件</source>
        <translation>No cases found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂时无法连接，显示的是本机记录</source>
        <translation>Cannot connect right now; showing this terminal&apos;s records</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>感谢您的评价</source>
        <translation>Thank you for your rating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂时连不上县里的政务服务平台，下面是本机的记录</source>
        <translation>Offline: this terminal&apos;s records</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县里的政务服务平台这次的回答有误，没有采用；下面是本机的记录</source>
        <translation>The county platform&apos;s answer was faulty and was not used; below are this terminal&apos;s records</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请补交（容缺受理时说好的材料）</source>
        <translation>Please hand in (the documents you promised)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作简单</source>
        <translation>Easy to use</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理快</source>
        <translation>Quick</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>少跑腿</source>
        <translation>Saved a trip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料少</source>
        <translation>Few documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作人员帮助耐心</source>
        <translation>Helpful staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作太复杂</source>
        <translation>Too hard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料要求太多</source>
        <translation>Too many papers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备故障</source>
        <translation>Machine broke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>看不清或听不清</source>
        <translation>Hard to see or hear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没办成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备暂时无法使用，请联系工作人员</source>
        <translation>The device is not working; please ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡失败，请取出身份证后重新放置</source>
        <translation>The card was not read. Take it off and place it again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡时证件被移开，请重新放好证件，读完前不要移动</source>
        <translation>The card moved while being read. Place it again and keep it still until it is read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器未连接，请联系工作人员</source>
        <translation>The card reader is not connected; please ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器暂时无法使用，请联系工作人员</source>
        <translation>The card reader is not working; please ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器无响应，请联系工作人员</source>
        <translation>The card reader does not answer; please ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器连接中断，请联系工作人员</source>
        <translation>The card reader lost its connection; please ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器安全模块未授权，请联系工作人员</source>
        <translation>The card reader&apos;s security module is not authorised; please ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器安全模块故障，请联系工作人员</source>
        <translation>The card reader&apos;s security module has failed; please ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取这张证件，请取出后重新放置；仍不行请联系工作人员</source>
        <translation>This card cannot be read. Take it off and place it again; if it still fails, ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法识别这张卡，请放置居民身份证或居住证</source>
        <translation>This card is not recognised. Please use a resident ID card or residence permit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>摄像头暂时无法使用，请联系工作人员</source>
        <translation>The camera is not working; please ask the staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机暂时无法使用。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执</source>
        <translation>The printer is not working. Your case is saved; write down the case number on the screen, or ask the staff to reprint the receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机卡纸。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执</source>
        <translation>The printer has a paper jam. Your case is saved; write down the case number on the screen, or ask the staff to reprint the receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机未连接。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执</source>
        <translation>The printer is not connected. Your case is saved; write down the case number on the screen, or ask the staff to reprint the receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机缺纸。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执</source>
        <translation>The printer is out of paper. Your case is saved; write down the case number on the screen, or ask the staff to reprint the receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您的%1已于%2过期，请先换领新证</source>
        <translation>Your %1 expired on %2. Please get a new one first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居民身份证</source>
        <translation>resident ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证</source>
        <translation>residence permit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证</source>
        <translation>permanent residence ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>社会保障卡</source>
        <translation>social security card</translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/controller.py" line="+82"/>
        <source>个人信息保护告知：您在本终端提供的姓名、证件号码、住址、电话和材料照片，只用于办理您选择的事项，加密保存在本机并传送给负责办理的部门，不用于其他用途；办结后按规定期限删除本机副本。您离开或超时后，屏幕上不会留下您的信息。</source>
        <translation>Personal data notice: your name, ID number, address, phone number and document photos given on this terminal are used only for the services you chose. They are stored encrypted here and sent to the office that handles your case, and used for nothing else; this terminal&apos;s copy is deleted within the set period once the case is finished. When you leave or time runs out, nothing of yours stays on the screen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>容缺受理：标有“可容缺”的材料现在没有也可以先提交，请在回执上写明的日期前补交；逾期未补交，申请可能不予受理。</source>
        <translation>Hand in later: documents marked &quot;can come later&quot; need not be here now; hand them in by the date on your receipt. If they are late, the application may be refused.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有找到相关事项。可以换个说法，例如“养老”“医保”，或按部门查找</source>
        <translation>Nothing found. Try other words, such as yanglao or yibao, or look by topic</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请将身份证放在读卡区，读卡后开始办事</source>
        <translation>Place your ID card on the reader to begin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请将身份证放在读卡区，查询您的办件</source>
        <translation>Place your ID card on the reader to see your cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请将身份证放在读卡区，评价您最近的办件</source>
        <translation>Place your ID card on the reader to rate your last case</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="_kiosk_tables.py" line="-50"/>
        <source>来自身份证</source>
        <translation>From your ID card</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../kiosk/workdays.py" line="+62"/>
        <source>%1年%2月%3日（预计）</source>
        <translation>%1-%2-%3 (expected)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/status.py" line="+103"/>
        <location filename="../../kiosk/workdays.py" line="+1"/>
        <source>%1年%2月%3日</source>
        <translation>%1-%2-%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>填写申请表：%1</source>
        <translation>Application form: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../kiosk/status.py" line="+22"/>
        <source>承诺%1前办结</source>
        <translation>Finished by %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/catalog/model.py" line="+131"/>
        <source>以当地公布为准</source>
        <translation>as published locally</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../kiosk/flow/controller.py" line="+2"/>
        <source>即时办结</source>
        <translation>Done at once</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1日</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/controller.py" line="+1"/>
        <source>办理时限以当地公布为准</source>
        <translation>Time limit as published locally</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>为%1%2办理</source>
        <translation>for %1%2</translation>
    </message>
    <message>
        <location line="+340"/>
        <source>这个事项需要到窗口办理</source>
        <translation>This service is done at a counter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可以先打印材料清单，带齐材料到窗口一次办好。</source>
        <translation>Print the document list, then bring everything to a counter and finish in one visit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查看材料清单</source>
        <translation>Document list</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+217"/>
        <location filename="../../kiosk/signature.py" line="+98"/>
        <source>签名数据有误，请重新签名</source>
        <translation>The signature was not recorded; please sign again</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>还需要您确认</source>
        <translation>Please confirm first</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请回到核对信息页：阅读后点“我已阅读，同意”；告知承诺点“签名确认”，用手指签名。</source>
        <translation>Go back to the check page: read and tap &quot;I have read it and agree&quot;; for a commitment tap &quot;Sign to confirm&quot; and sign with your finger.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>返回核对信息</source>
        <translation>Back to the check page</translation>
    </message>
    <message>
        <location line="-909"/>
        <source>请阅读个人信息保护告知并同意</source>
        <translation>Please read and agree to the personal data notice</translation>
    </message>
    <message>
        <location line="+953"/>
        <source>请阅读“%1”并签名确认</source>
        <translation>Please read &quot;%1&quot; and sign it</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>请选择不满意的原因</source>
        <translation>Choose what went wrong</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>没有识别出办件编号，请对照回执上的编号重新输入</source>
        <translation>Not a case number. Please check your receipt</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>补正清单没有打印出来。</source>
        <translation>The list did not print.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请记下屏幕上的清单，或拍下来；也可以请工作人员打印。</source>
        <translation>Write down or photograph the list on the screen, or ask the staff to print it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>返回清单</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>输入事项名称、拼音或首字母，例如“养老”“yanglao”“ylbx”</source>
        <translation>Type a name, pinyin or initials, e.g. yanglao or ylbx</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>请把材料平放在拍照区，文字朝上，不要遮挡</source>
        <translation>Lay the document flat in the photo area, writing up, nothing covering it</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>请输入回执上编号里的数字，字母不用输</source>
        <translation>Type the digits of the number on your receipt; skip the letters</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请把回执上的二维码对准扫码口</source>
        <translation>Hold the QR code on your receipt to the scanner</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1年**月**日</source>
        <translation>%1-**-**</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>根据身份证</source>
        <translation>From your ID card</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>核对%1的信息</source>
        <translation>Check your details: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>办理时限：%1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1（%2前补交）</source>
        <translation>%1 (by %2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>还需要提供</source>
        <translation>Still needed</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>打印机状态读不出来</source>
        <translation>Printer state unknown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机正常</source>
        <translation>Printer ready</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机缺纸</source>
        <translation>Printer out of paper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机卡纸</source>
        <translation>Printer paper jam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机未连接</source>
        <translation>Printer not connected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机状态未知</source>
        <translation>Printer state unknown</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请用手机拍下这个页面，或记下上面的编号</source>
        <translation>Photograph this page with your phone, or write down the number above</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>凭编号可在任何一台终端“办件查询”里查看和补打回执</source>
        <translation>With the number, any terminal can show your case and reprint the receipt under &quot;My cases&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>也可以拨打12345，报编号查询办理进度</source>
        <translation>Or call 12345 and give the number to ask about your case</translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/guide.py" line="+47"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不清楚</source>
        <translation>Not sure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不收费</source>
        <translation>Free</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>一件事</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次办好%1个相关事项</source>
        <translation>%1 services at once</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>请选择“是”或“否”</source>
        <translation>Please choose &quot;Yes&quot; or &quot;No&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请从选项中选择一项</source>
        <translation>Please choose one of the options</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写一个整数</source>
        <translation>Please enter a whole number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写%1到%2之间的整数</source>
        <translation>Please enter a whole number from %1 to %2</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>收费，标准以窗口公示为准</source>
        <translation>There is a fee, as posted at the counter</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>按您的回答确定要办的事项，一次提交</source>
        <translation>Your answers decide which services; all submitted at once</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>办理结果由%1作出</source>
        <translation>Decided by %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>按您的回答，其中%1可能需要到窗口办理</source>
        <translation>From your answers, %1 may need a visit to a counter</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../../kiosk/materials.py" line="-39"/>
        <source>原件%1份</source>
        <translation>original ×%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/materials.py" line="+1"/>
        <source>复印件%1份</source>
        <translation>copy ×%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/forms/page.py" line="+188"/>
        <source>整数</source>
        <translation>whole number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数字</source>
        <translation>number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写%1到%2之间的%3</source>
        <translation>Enter a %3 from %1 to %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写大于%1、不超过%2的%3</source>
        <translation>Enter a %3 above %1 and at most %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写不小于%1的%2</source>
        <translation>Enter a %2 of at least %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写不大于%1的%2</source>
        <translation>Enter a %2 of at most %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写%1</source>
        <translation>Enter a %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>填写申请表</source>
        <translation>Application form</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1（第%2页，共%3页）</source>
        <translation>%1 (page %2 of %3)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ratings.py" line="+65"/>
        <source>请从列出的原因中选择</source>
        <translation>Please choose from the reasons listed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原因不要重复选择</source>
        <translation>Choose each reason only once</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>意见最多%1个字</source>
        <translation>At most %1 characters</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请留下手机号码，工作人员会在3个工作日内给您回电了解情况</source>
        <translation>Leave your number; the staff call back within 3 working days</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>手机号码不正确，可以不填</source>
        <translation>The mobile number is not right; you may leave it empty</translation>
    </message>
    <message>
        <location filename="../../kiosk/status.py" line="-12"/>
        <source>已在本机保存，联网后自动上传，不用再跑一趟</source>
        <translation>Saved here; it uploads by itself once online. No need to come back</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>还需要补正%1项材料（见下面的清单，一次性告知），请带上回执到便民服务中心，或拨打12345询问</source>
        <translation>%1 documents still needed (the full list is below). Bring your receipt to the service centre, or call 12345</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>需要补正材料，请带上回执到便民服务中心，或拨打12345询问</source>
        <translation>Documents are still needed. Bring your receipt to the service centre, or call 12345</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已经办好了</source>
        <translation>It is done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有受理，原因会通过短信或电话告知，也可拨打12345询问</source>
        <translation>Not accepted. You will hear why by text or phone, or call 12345</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>本机没有找到您的办件记录</source>
        <translation>No cases of yours on this terminal</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>没有识别出办件编号，请把回执上的二维码对准扫码口</source>
        <translation>No case number found. Hold the QR code on your receipt to the scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/applications.py" line="+169"/>
        <source>「%1」需要到窗口办理，请到%2办理</source>
        <translation>&quot;%1&quot; is done at a counter: please go to %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1。本终端可以帮您查看办事指南、打印材料清单，带齐材料去窗口一次办好。</source>
        <translation>%1. This terminal can show the guide and print the document list, so you bring everything and finish in one visit.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>「%1」需要拍照上传或使用电子证照</source>
        <translation>&quot;%1&quot; needs a photo or an e-certificate</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>「%1」不能容缺后补，请现在提供</source>
        <translation>&quot;%1&quot; cannot come later; please provide it now</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>「%1」没有可代替它的告知承诺</source>
        <translation>&quot;%1&quot; has no commitment that can replace it</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>「%1」不能用电子证照代替</source>
        <translation>&quot;%1&quot; cannot be replaced by an e-certificate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>「%1」还没有拍照</source>
        <translation>&quot;%1&quot; is not photographed yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/forms/schema.py" line="+110"/>
        <source>格式不对，请重新填写</source>
        <translation>Not in the right form; please fill it in again</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>「%1」%2</source>
        <translation>&quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>「%1」必须填写</source>
        <translation>&quot;%1&quot; must be filled in</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>格式不对，请填写数字</source>
        <translation>Not in the right form; please enter a number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>格式不对，请填写文字</source>
        <translation>Not in the right form; please enter text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>至少要填%1个字</source>
        <translation>at least %1 characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最多只能填%1个字</source>
        <translation>at most %1 characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能小于%1</source>
        <translation>cannot be less than %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能大于%1</source>
        <translation>cannot be more than %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必须大于%1</source>
        <translation>must be more than %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>格式不正确，请对照证件核对</source>
        <translation>not in the right form; check it against the document</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>填写有误，请核对</source>
        <translation>something is wrong; please check</translation>
    </message>
    <message>
        <location filename="../../kiosk/forms/validators.py" line="+44"/>
        <source>手机号码只能填数字</source>
        <translation>a mobile number has digits only</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>手机号码应为11位，现在是%1位</source>
        <translation>11 digits needed; this has %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>手机号码应以13至19开头，请核对</source>
        <translation>a mobile number starts with 13 to 19; please check</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>银行卡号只能填数字</source>
        <translation>a bank card number has digits only</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>银行卡号一般为12到19位，请核对</source>
        <translation>a bank card number has 12 to 19 digits; please check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>银行卡号有误（校验不通过），请对照卡面逐位核对</source>
        <translation>the bank card number is wrong (check digit); compare it digit by digit with the card</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>日期格式应为“年-月-日”，例如 2026-01-05，且日期必须存在</source>
        <translation>a date is year-month-day, e.g. 2026-01-05, and must exist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>日期年份不正确</source>
        <translation>the year is not right</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>日期不能晚于今天</source>
        <translation>the date cannot be after today</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>行政区划代码应为12位数字</source>
        <translation>a region code has 12 digits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>行政区划代码的省级代码不正确</source>
        <translation>the province part of the region code is wrong</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>行政区划代码的层级不正确（市级为00时下级也应为0）</source>
        <translation>the region code&apos;s levels are wrong (after a city part of 00 the rest is 0 too)</translation>
    </message>
    <message>
        <location filename="../../kiosk/signature.py" line="-5"/>
        <source>签名区域无效，请联系工作人员</source>
        <translation>The signature box is not working; please ask the staff</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请在签名框内签上您的名字</source>
        <translation>Please sign your name in the box</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>签名数据太多，请重新签名</source>
        <translation>The signature is too large to keep; please sign again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签名超出了签名框，请重新签名</source>
        <translation>The signature went outside the box; please sign again</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>签名太短，请签上完整的名字</source>
        <translation>Too short: sign your full name</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>签名太小，请在框里写大一些</source>
        <translation>The signature is too small; please write bigger in the box</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请签上您的名字，不要只画一条线</source>
        <translation>Please sign your name, not just a line</translation>
    </message>
    <message>
        <location filename="../../kiosk/ecert.py" line="+40"/>
        <source>这是办事回执上的二维码，不是电子证照。查进度请回到首页点“查询”</source>
        <translation>This is the QR code of a receipt, not an e-certificate. To see your case, go home and tap &quot;My cases&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>这个二维码不是电子证照。请在手机上打开电子证照，点“亮证”，把二维码对准镜头</source>
        <translation>This QR code is not an e-certificate. Open the e-certificate on your phone, tap &quot;Show&quot;, and hold the QR code to the camera</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>没有读到二维码，请把手机屏幕对准镜头，稍微离远一点</source>
        <translation>No QR code was read. Hold the phone screen to the camera, a little further away</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>这个电子证照二维码读不全，请在手机上刷新后再扫一次</source>
        <translation>This e-certificate code could not be read in full. Refresh it on your phone and scan again</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这是%1的电子证照，这里需要的是%2</source>
        <translation>This is the e-certificate for %1; here %2 is needed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这个电子证照不是%1，请换一个</source>
        <translation>This e-certificate is not %1; please use another</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>这个二维码是一个网址，不是电子证照。请在手机上打开电子证照，点“亮证”，把二维码对准镜头</source>
        <translation>This QR code is a web address, not an e-certificate. Open the e-certificate on your phone, tap &quot;Show&quot;, and hold the QR code to the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/teach.py" line="+28"/>
        <source>身份证放在读卡区</source>
        <translation>Place your ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把身份证平放在屏幕下方的读卡区，不要移动。听到“嘀”的一声，就读好了。</source>
        <translation>Lay your ID card flat on the reader below the screen. Wait for the beep.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选要办的事</source>
        <translation>Choose your service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用手指点一下屏幕上的大按钮，选您要办的事。点错了，点「返回」就行。</source>
        <translation>Tap a big button to choose what you need. Wrong one? Tap Back.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>拍材料</source>
        <translation>Photograph documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把材料正面朝上，平放在拍照区的摄像头下面。放稳不要动，它会自己拍照。</source>
        <translation>Lay the page face up under the camera. Hold still: it takes the photo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>手写签名</source>
        <translation>Sign on the screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用手指在屏幕的框里写下您的名字。写错了，点「重签」再写一遍。</source>
        <translation>Write your name in the box with your finger. Wrong? Tap Sign again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>用键盘打字</source>
        <translation>Typing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打字：先输入拼音，再点您要的字。输数字：点数字键就行。</source>
        <translation>Type the pinyin, then tap the character. For numbers, tap the digits.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取回执</source>
        <translation>Take your receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办完后，回执从打印口出来，请拿好。用回执上的二维码可以查办件进度。</source>
        <translation>Take the receipt from the printer slot. Its QR code shows your case.</translation>
    </message>
</context>
</TS>
