<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AnswerLine</name>
    <message>
        <location filename="../../ui/qml/screens/service/AnswerLine.qml" line="+37"/>
        <source>（未填写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackButton</name>
    <message>
        <location filename="../../ui/qml/controls/BackButton.qml" line="+9"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ByNumberScreen</name>
    <message>
        <location filename="../../ui/qml/screens/query/ByNumberScreen.qml" line="+20"/>
        <source>输入办件编号查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编号印在回执二维码下面；“一件事”编号可查到同一件事的全部办件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>扫回执二维码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckAnswersScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/CheckAnswersScreen.qml" line="+42"/>
        <source>还有内容需要修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>您的回答</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>填写的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>已使用以前办件的信息（点此不用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>使用以前办件中的信息：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>容缺后补：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>我有，不用后补</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>暂时没有，先办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>告知承诺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>承诺后不用再交：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已签名承诺（点此撤回）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签名确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>个人信息保护</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已同意（点此撤回）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>我已阅读，同意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>确认提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>同意并提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同意个人信息保护告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>点“同意并提交”，即表示您已阅读左边的个人信息保护告知，同意按告知使用您的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请先在左边（往下翻）阅读并同意个人信息保护告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>左边还有要完成的内容（往下翻），例如告知承诺</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckAnswersViewModel</name>
    <message>
        <location filename="../../ui/vm/service_answers.py" line="+50"/>
        <source>需要修改</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/ChecklistScreen.qml" line="+19"/>
        <source>%1：您需要准备的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>还有问题没有回答</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标“视情形提供”的材料，要看这些问题的回答：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>需要到窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本次办理的事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（视回答而定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>办理条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>可以选择告知承诺：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>开始填表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>再打印一份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印材料清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已打印，请在出纸口取走</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>修改回答</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommonEntries</name>
    <message>
        <location filename="../../ui/qml/screens/service/CommonEntries.qml" line="+25"/>
        <source>常办
事项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/CorrectionScreen.qml" line="+18"/>
        <source>需要补正的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办件编号 %1（%2）。下面是需要补的全部材料，补齐后就能继续办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>请在%1前补交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>交到哪里</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>这份清单由县里的政务服务平台发来。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台还没有发来详细清单，以上是本机记录的缺少材料；如有疑问请拨打咨询电话。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>再打印一份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印补正清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已打印，请在出纸口取走</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateWidget</name>
    <message>
        <location filename="../../ui/qml/form/DateWidget.qml" line="+50"/>
        <source>%1 年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigitPad</name>
    <message>
        <location filename="../../ui/qml/controls/DigitPad.qml" line="+65"/>
        <location line="+4"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentCaptureScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/DocumentCaptureScreen.qml" line="+30"/>
        <source>请拍照：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+88"/>
        <source>请看清楚：字迹清楚就点“确认”，不清楚点“重拍”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已拍 %1 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择其他方式</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../ui/qml/screens/done/DoneScreen.qml" line="+41"/>
        <source>提交成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办件编号：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>一件事编号：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办理状态：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>请记住办件编号，凭它可以查询办理进度。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>正在打印回执，请稍候……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回执已打印，请从出纸口取走。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorSummary</name>
    <message>
        <location filename="../../ui/qml/form/ErrorSummary.qml" line="+37"/>
        <source>请先改正下面的问题</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldFrame</name>
    <message>
        <location filename="../../ui/qml/form/FieldFrame.qml" line="+64"/>
        <source>（选填）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindServiceScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/FindServiceScreen.qml" line="+19"/>
        <source>我要办事</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>搜索事项：可输入汉字、拼音或首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>一件事
一次办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../../ui/qml/form/FormView.qml" line="+180"/>
        <source>以下信息来自身份证，不用再填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>您以前在本机办理时填写过部分信息。同意后自动填入，您仍可修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>同意使用以前填写的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>上一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>继续</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/GuideScreen.qml" line="+28"/>
        <source>部分事项可能要到窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>这个事项需要到窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办理时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收费</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>一次办好这些事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>谁可以办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>需要的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>告知承诺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>可以选择“%1”：如实承诺后可以少交部分材料，办理更快。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>温馨提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>开始办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>开始填表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>先回答几个问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打印材料清单</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <location filename="../../ui/qml/controls/HelpPanel.qml" line="+18"/>
        <location line="+11"/>
        <source>帮助</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>读给我听</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>知道了</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeButton</name>
    <message>
        <location filename="../../ui/qml/controls/HomeButton.qml" line="+9"/>
        <source>返回首页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/qml/screens/home/HomeScreen.qml" line="+20"/>
        <source>您好！请点一下您要办的事</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>怎么用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✓ 长辈模式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>长辈模式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✓ 高对比度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>高对比度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>切换语言，只在这次办事中有效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>我要办事</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>养老保险、医疗保险、高龄津贴等</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>查看办事指南</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>要带什么材料，不用身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办件查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>看看办到哪一步了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>好差评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为办过的事打分</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <location filename="../../ui/qml/controls/IdleWarning.qml" line="+35"/>
        <source>还需要更多时间吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 秒后将返回首页，并清除您填写的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>继续办理</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsertCardScreen</name>
    <message>
        <location filename="../../ui/qml/screens/card/InsertCardScreen.qml" line="+31"/>
        <source>读卡区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+89"/>
        <source>照片一面朝上，平放不动，
读好后会自动进入下一步。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyboardPanel</name>
    <message>
        <location filename="../../ui/qml/controls/KeyboardPanel.qml" line="+23"/>
        <source>键盘</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/qml/Main.qml" line="+22"/>
        <source>政务服务自助终端</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../../ui/qml/screens/maintenance/MaintenanceScreen.qml" line="+19"/>
        <source>维护信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>技术人员使用  ·  更新于 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>终端编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政区划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级平台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上次联系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待上报日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>版本 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>存储空间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端时钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+98"/>
        <source>已搁置 %1 件（多次发送被平台拒绝）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有搁置的办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>摄像头：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>软件版本：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>已尝试 %1 次</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaterialCard</name>
    <message>
        <location filename="../../ui/qml/screens/service/MaterialCard.qml" line="+54"/>
        <source>本机已有，不用带</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必须提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可选提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>视情形提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>说明：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>用于：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaterialLine</name>
    <message>
        <location filename="../../ui/vm/service_guide.py" line="+39"/>
        <source>原件%1份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复印件%1份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>暂时没有可以先办，%1个工作日内补交（容缺受理）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaterialStatusLine</name>
    <message>
        <location filename="../../ui/vm/service_answers.py" line="+17"/>
        <source>可以先办，%1个工作日内补交</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/MaterialsScreen.qml" line="+21"/>
        <source>请提供以下材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>拍照设备不能用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>这些材料需要您带到窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可以打印材料清单带走</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>用途：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>请带原件到窗口核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>我没有带</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>继续</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还差：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>打印材料清单</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MissingScreen</name>
    <message>
        <location filename="../../ui/qml/screens/MissingScreen.qml" line="+17"/>
        <source>这一步暂时不能在本机办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1”暂时不能在本机办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机的这个页面还没有准备好。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请点“返回首页”，或找工作人员帮您办理。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PagedGrid</name>
    <message>
        <location filename="../../ui/qml/controls/PagedGrid.qml" line="+25"/>
        <source>项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>‹ 上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>第 %1 / %2 页（共 %3 %4）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>下一页 ›</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoScreen</name>
    <message>
        <location filename="../../ui/qml/screens/photo/PhotoScreen.qml" line="+16"/>
        <source>请拍照：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第 %1 / %2 份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已拍好</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拍照区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>正在拍照…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拍照</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortraitScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/PortraitScreen.qml" line="+30"/>
        <source>拍照：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+68"/>
        <source>照片清楚就点“确认”，不满意点“重拍”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请正对镜头，把脸放在框里，不要戴帽子</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择其他方式</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewHost</name>
    <message>
        <location filename="../../ui/qml/screens/service/PreviewHost.qml" line="+31"/>
        <source>政务服务自助终端</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintProblemScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/PrintProblemScreen.qml" line="+26"/>
        <source>回执二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>“一件事”编号：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>再打印一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已记下，继续</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/ProblemScreen.qml" line="+42"/>
        <source>您已经做的都保存着，不用从头再来。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemViewModel</name>
    <message>
        <location filename="../../ui/vm/service_done.py" line="+43"/>
        <source>第%1项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryResultScreen</name>
    <message>
        <location filename="../../ui/qml/screens/query/QueryResultScreen.qml" line="+16"/>
        <source>我的办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>按编号查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>在这台机器上办理的事项会显示在这里</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <source>补打回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>看补正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>‹ 上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>第 %1 / %2 页（共 %3 件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>下一页 ›</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryScanScreen</name>
    <message>
        <location filename="../../ui/qml/screens/query/QueryScanScreen.qml" line="+23"/>
        <source>本机暂时还不能扫码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫码查询即将开放。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请点“输入办件编号”，照着回执上的编号输入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>输入办件编号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/QuestionScreen.qml" line="+22"/>
        <source>第 %1 题，共 %2 题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>已选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>岁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不清楚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatedScreen</name>
    <message>
        <location filename="../../ui/qml/screens/rating/RatedScreen.qml" line="+42"/>
        <source>您的意见会转给相关部门，帮助我们改进服务。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../ui/qml/screens/rating/RatingScreen.qml" line="+57"/>
        <source>请您为这次服务打分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>办件编号 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <source>点一下表情，再点“提交评价”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+127"/>
        <source>不评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-118"/>
        <location line="+111"/>
        <source>提交评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-73"/>
        <source>请留下手机号码，工作人员会给您回电了解情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>重新选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>哪里不满意？（请至少选一项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>您的手机号码（回电用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请用下面的数字键输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+21"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepeatButton</name>
    <message>
        <location filename="../../ui/qml/controls/RepeatButton.qml" line="+13"/>
        <source>再听一遍</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/ScanScreen.qml" line="+30"/>
        <source>亮证扫码：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>没有用上这个二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <source>选择其他方式</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScrollPage</name>
    <message>
        <location filename="../../ui/qml/screens/service/ScrollPage.qml" line="+70"/>
        <source>▲ 上一屏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>▼ 下一屏</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceDoneScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/ServiceDoneScreen.qml" line="+35"/>
        <source>✓ 提交成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>提交成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>“一件事”编号（凭它可查全部事项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>办件编号：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>回执已打印，请在出纸口取走</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在打印回执…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>打印回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>重新打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>去评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不评价，直接离开</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceListScreen</name>
    <message>
        <location filename="../../ui/qml/screens/service/ServiceListScreen.qml" line="+49"/>
        <location line="+22"/>
        <source>搜索事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>输入事项名称、拼音或首字母，例如：养老、yanglao、ylbx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>输入后，下面会列出找到的事项，点一下查看办事指南。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>一件事：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShellFooter</name>
    <message>
        <location filename="../../ui/qml/controls/ShellFooter.qml" line="+53"/>
        <source>帮助</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>需要帮助请找工作人员  ·  政务服务便民热线 12345</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本页只读，不显示居民信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长时间不操作，将自动返回首页并清除您的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>终端 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>技术人员：按住三秒打开维护信息</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShellHeader</name>
    <message>
        <location filename="../../ui/qml/controls/ShellHeader.qml" line="+23"/>
        <source>政务服务自助终端</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>您好，%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>网络正常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网络断开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待上传 %1 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>星期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期二</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期四</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期五</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期六</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1月%2日</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureScreen</name>
    <message>
        <location filename="../../ui/qml/screens/materials/SignatureScreen.qml" line="+25"/>
        <source>请阅读并签名：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>签署后不用再提供：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+97"/>
        <source>签名没有成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-14"/>
        <source>确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重签</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <location filename="../../ui/qml/Start.qml" line="+23"/>
        <source>政务服务自助终端</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeachScreen</name>
    <message>
        <location filename="../../ui/qml/screens/teach/TeachScreen.qml" line="+36"/>
        <source>上一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>从头再看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>我知道了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>第 %1 步，共 %2 步</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kiosk</name>
    <message>
        <location filename="../../kiosk/flow/problems.py" line="+24"/>
        <source>如需帮助，请联系工作人员或拨打12345</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>再试一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>还有内容需要修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交前发现有内容需要修改，您填写的内容都还在。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请按下面的提示逐项修改，改好后再提交。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>去修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>评价还差一点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请补充后再提交，也可以不评价直接离开。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机没有纸了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <location line="+6"/>
        <source>办件已经保存好了，只是回执没有打印出来。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <source>请记下或拍下屏幕上的办件编号，凭编号随时查询；工作人员加纸后可在“办件查询”里补打回执。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <location line="+6"/>
        <source>再打印一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>打印机卡纸了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请记下屏幕上的办件编号，并告诉工作人员处理卡纸；之后可在“办件查询”里补打。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机暂时不能用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请记下屏幕上的办件编号，凭编号随时查询；也可以请工作人员补打回执。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>摄像头暂时不能用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可以稍后再试，或带上材料原件到窗口办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机存储空间已满</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这台终端暂时不能保存新的办件，您这次填写的内容没有提交。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请联系工作人员清理终端，或到便民服务中心窗口办理。如需帮助，请联系工作人员或拨打12345</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机暂时无法保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这台终端暂时不能保存，您这次的内容没有提交。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请稍等片刻再试一次；如果还不行，请联系工作人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有找到这个办事事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本终端的事项目录里暂时没有这个事项，可能目录正在更新。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请回到“我要办事”重新选择，或到便民服务中心窗口咨询。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重新选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暂时连不上县里的政务服务平台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网络或平台暂时不通，只能显示本机保存的记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可以稍后再查，或拨打12345询问办理进度。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="_kiosk_tables.py" line="+26"/>
        <source>出了点问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端遇到了一个没有预料到的问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请再试一次；如果还不行，请联系工作人员。如需帮助，请联系工作人员或拨打12345</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>读卡器暂时不能用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请联系工作人员检查读卡器，或到便民服务中心窗口办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有读出身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请把身份证取下来，平放在读卡区，等“嘀”声后再拿开。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这张证件不能办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请换一张有效的证件，或到便民服务中心窗口办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="_kiosk_tables.py" line="-22"/>
        <source>首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请放身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我要办事</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按部门找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>搜索结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事指南</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>智能导办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写表单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拍照上传材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/materials.py" line="+145"/>
        <source>1份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请带上%1（%2）到便民服务中心窗口办理，可以打印材料清单带走</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="_kiosk_tables.py" line="+1"/>
        <source>亮证扫码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在手机上打开电子证照，把“亮证”二维码对准镜头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>现在没有也可以先办，%1个工作日内（%2前）补交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>现在没有也可以先办，%1个工作日内补交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>签告知承诺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签署《%1》代替这份材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="_kiosk_tables.py" line="+1"/>
        <source>签署告知承诺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回执没有打印出来</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>感谢评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫描回执二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需要补正的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>维护信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>怎么用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已提交，等待上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需要补正材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已拍照上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已读卡核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已调用电子证照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据共享核验，免提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端已生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/materials_step.py" line="+35"/>
        <source>在手机上打开电子证照，点“亮证”，把二维码对准镜头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/materials.py" line="-11"/>
        <source>把材料平放在高拍仪下面，会自动拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请用手指在下面的框里签上您的名字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/materials.py" line="-1"/>
        <source>拍照上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>已拍照%1页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已扫电子证照%1（由部门核验）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>容缺后补：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/materials.py" line="+6"/>
        <location filename="_kiosk_tables.py" line="+1"/>
        <source>容缺后补</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已签告知承诺代替</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>请提供以下材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="_kiosk_tables.py" line="+1"/>
        <source>以告知承诺代替</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请携带原件到窗口核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可在本终端全程自助办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可在本终端提交，审核后办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本终端可预填和打印，需到窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常不满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>来自电子证照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来自您以前办理的事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读身份证即可</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可用电子证照代替</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可通过数据共享核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终端自动生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可在终端拍照上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请自备</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由同一件事中前面的事项生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请将身份证放在读卡区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有查到办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂时无法连接，显示的是本机记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>感谢您的评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂时连不上县里的政务服务平台，下面是本机的记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县里的政务服务平台这次的回答有误，没有采用；下面是本机的记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请补交（容缺受理时说好的材料）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作简单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理快</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>少跑腿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料少</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作人员帮助耐心</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作太复杂</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待时间长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料要求太多</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备故障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>看不清或听不清</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没办成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备暂时无法使用，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡失败，请取出身份证后重新放置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡时证件被移开，请重新放好证件，读完前不要移动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器未连接，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器暂时无法使用，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器无响应，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器连接中断，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器安全模块未授权，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读卡器安全模块故障，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取这张证件，请取出后重新放置；仍不行请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法识别这张卡，请放置居民身份证或居住证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>摄像头暂时无法使用，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机暂时无法使用。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机卡纸。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机未连接。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机缺纸。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您的%1已于%2过期，请先换领新证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居民身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>社会保障卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/controller.py" line="+82"/>
        <source>个人信息保护告知：您在本终端提供的姓名、证件号码、住址、电话和材料照片，只用于办理您选择的事项，加密保存在本机并传送给负责办理的部门，不用于其他用途；办结后按规定期限删除本机副本。您离开或超时后，屏幕上不会留下您的信息。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>容缺受理：标有“可容缺”的材料现在没有也可以先提交，请在回执上写明的日期前补交；逾期未补交，申请可能不予受理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有找到相关事项。可以换个说法，例如“养老”“医保”，或按部门查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请将身份证放在读卡区，读卡后开始办事</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请将身份证放在读卡区，查询您的办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请将身份证放在读卡区，评价您最近的办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="_kiosk_tables.py" line="-50"/>
        <source>来自身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../kiosk/workdays.py" line="+62"/>
        <source>%1年%2月%3日（预计）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/status.py" line="+103"/>
        <location filename="../../kiosk/workdays.py" line="+1"/>
        <source>%1年%2月%3日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>填写申请表：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../kiosk/status.py" line="+22"/>
        <source>承诺%1前办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/catalog/model.py" line="+131"/>
        <source>以当地公布为准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../kiosk/flow/controller.py" line="+2"/>
        <source>即时办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1个工作日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/controller.py" line="+1"/>
        <source>办理时限以当地公布为准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>为%1%2办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+340"/>
        <source>这个事项需要到窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可以先打印材料清单，带齐材料到窗口一次办好。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查看材料清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+181"/>
        <source>%1：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+217"/>
        <location filename="../../kiosk/signature.py" line="+98"/>
        <source>签名数据有误，请重新签名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+116"/>
        <source>还需要您确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请回到核对信息页：阅读后点“我已阅读，同意”；告知承诺点“签名确认”，用手指签名。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>返回核对信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-909"/>
        <source>请阅读个人信息保护告知并同意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+953"/>
        <source>请阅读“%1”并签名确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+96"/>
        <source>请选择不满意的原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>没有识别出办件编号，请对照回执上的编号重新输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+72"/>
        <source>补正清单没有打印出来。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请记下屏幕上的清单，或拍下来；也可以请工作人员打印。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>返回清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+79"/>
        <source>输入事项名称、拼音或首字母，例如“养老”“yanglao”“ylbx”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>请把材料平放在拍照区，文字朝上，不要遮挡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>请输入回执上编号里的数字，字母不用输</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请把回执上的二维码对准扫码口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1年**月**日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>根据身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>核对%1的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>办理时限：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1（%2前补交）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>还需要提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>打印机状态读不出来</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机正常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机缺纸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机卡纸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机未连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机状态未知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请用手机拍下这个页面，或记下上面的编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>凭编号可在任何一台终端“办件查询”里查看和补打回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>也可以拨打12345，报编号查询办理进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/guide.py" line="+47"/>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不清楚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不收费</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>一件事</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次办好%1个相关事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+68"/>
        <source>请选择“是”或“否”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请从选项中选择一项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写一个整数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写%1到%2之间的整数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>收费，标准以窗口公示为准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>按您的回答确定要办的事项，一次提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>办理结果由%1作出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>按您的回答，其中%1可能需要到窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../../kiosk/materials.py" line="-39"/>
        <source>原件%1份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../kiosk/materials.py" line="+1"/>
        <source>复印件%1份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/forms/page.py" line="+188"/>
        <source>整数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写%1到%2之间的%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写大于%1、不超过%2的%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写不小于%1的%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写不大于%1的%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>填写申请表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1（第%2页，共%3页）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ratings.py" line="+65"/>
        <source>请从列出的原因中选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原因不要重复选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>意见最多%1个字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请留下手机号码，工作人员会在3个工作日内给您回电了解情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>手机号码不正确，可以不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/status.py" line="-12"/>
        <source>已在本机保存，联网后自动上传，不用再跑一趟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>还需要补正%1项材料（见下面的清单，一次性告知），请带上回执到便民服务中心，或拨打12345询问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>需要补正材料，请带上回执到便民服务中心，或拨打12345询问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已经办好了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有受理，原因会通过短信或电话告知，也可拨打12345询问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>本机没有找到您的办件记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>没有识别出办件编号，请把回执上的二维码对准扫码口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/applications.py" line="+169"/>
        <source>「%1」需要到窗口办理，请到%2办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1。本终端可以帮您查看办事指南、打印材料清单，带齐材料去窗口一次办好。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+81"/>
        <source>「%1」需要拍照上传或使用电子证照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>「%1」不能容缺后补，请现在提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>「%1」没有可代替它的告知承诺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>「%1」不能用电子证照代替</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>「%1」还没有拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/forms/schema.py" line="+110"/>
        <source>格式不对，请重新填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>「%1」%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-27"/>
        <source>「%1」必须填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>格式不对，请填写数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>格式不对，请填写文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>至少要填%1个字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最多只能填%1个字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能小于%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能大于%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必须大于%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>格式不正确，请对照证件核对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>填写有误，请核对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/forms/validators.py" line="+44"/>
        <source>手机号码只能填数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>手机号码应为11位，现在是%1位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>手机号码应以13至19开头，请核对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>银行卡号只能填数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>银行卡号一般为12到19位，请核对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>银行卡号有误（校验不通过），请对照卡面逐位核对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>日期格式应为“年-月-日”，例如 2026-01-05，且日期必须存在</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>日期年份不正确</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>日期不能晚于今天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>行政区划代码应为12位数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>行政区划代码的省级代码不正确</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>行政区划代码的层级不正确（市级为00时下级也应为0）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/signature.py" line="-5"/>
        <source>签名区域无效，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请在签名框内签上您的名字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>签名数据太多，请重新签名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签名超出了签名框，请重新签名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>签名太短，请签上完整的名字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-4"/>
        <source>签名太小，请在框里写大一些</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请签上您的名字，不要只画一条线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ecert.py" line="+40"/>
        <source>这是办事回执上的二维码，不是电子证照。查进度请回到首页点“查询”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>这个二维码不是电子证照。请在手机上打开电子证照，点“亮证”，把二维码对准镜头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <source>没有读到二维码，请把手机屏幕对准镜头，稍微离远一点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>这个电子证照二维码读不全，请在手机上刷新后再扫一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这是%1的电子证照，这里需要的是%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这个电子证照不是%1，请换一个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>这个二维码是一个网址，不是电子证照。请在手机上打开电子证照，点“亮证”，把二维码对准镜头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/flow/teach.py" line="+28"/>
        <source>身份证放在读卡区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把身份证平放在屏幕下方的读卡区，不要移动。听到“嘀”的一声，就读好了。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选要办的事</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用手指点一下屏幕上的大按钮，选您要办的事。点错了，点「返回」就行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>拍材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把材料正面朝上，平放在拍照区的摄像头下面。放稳不要动，它会自己拍照。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>手写签名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用手指在屏幕的框里写下您的名字。写错了，点「重签」再写一遍。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>用键盘打字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打字：先输入拼音，再点您要的字。输数字：点数字键就行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办完后，回执从打印口出来，请拿好。用回执上的二维码可以查办件进度。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
