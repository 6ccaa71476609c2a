<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClientController</name>
    <message>
        <source>The broker refused the connection: %1</source>
        <translation>代理拒绝了连接：%1</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connections</source>
        <translation>连接配置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>TCP (mqtt://)</source>
        <translation>TCP (mqtt://)</translation>
    </message>
    <message>
        <source>TLS (mqtts://)</source>
        <translation>TLS (mqtts://)</translation>
    </message>
    <message>
        <source>WebSocket (ws://)</source>
        <translation>WebSocket (ws://)</translation>
    </message>
    <message>
        <source>Secure WebSocket (wss://)</source>
        <translation>安全 WebSocket (wss://)</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输方式(&amp;T)：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>WebSocket &amp;path:</source>
        <translation>WebSocket 路径(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>协议(&amp;P)：</translation>
    </message>
    <message>
        <source>generated for each connection</source>
        <translation>每次连接时自动生成</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation>客户端 ID(&amp;C)：</translation>
    </message>
    <message>
        <source>Start a clean session (no session kept by the broker)</source>
        <translation>以全新会话开始（代理不保留会话）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Keep alive:</source>
        <translation>保活间隔(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Save the password in the system keychain</source>
        <translation>将密码保存在系统密钥库中</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>the system&apos;s CA certificates</source>
        <translation>系统的 CA 证书</translation>
    </message>
    <message>
        <source>&amp;CA certificates:</source>
        <translation>CA 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>none (no mutual TLS)</source>
        <translation>无（不使用双向 TLS）</translation>
    </message>
    <message>
        <source>Client c&amp;ertificate:</source>
        <translation>客户端证书(&amp;E)：</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端私钥</translation>
    </message>
    <message>
        <source>in the certificate file</source>
        <translation>位于证书文件中</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>客户端私钥(&amp;K)：</translation>
    </message>
    <message>
        <source>only for an encrypted key</source>
        <translation>仅用于加密的私钥</translation>
    </message>
    <message>
        <source>Key &amp;passphrase:</source>
        <translation>私钥口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Verify the broker&apos;s certificate</source>
        <translation>验证代理的证书</translation>
    </message>
    <message>
        <source>Check that the certificate names the host</source>
        <translation>检查证书是否包含该主机名</translation>
    </message>
    <message>
        <source>Turning verification off encrypts without authenticating the broker: anyone on the path could read along.</source>
        <translation>关闭验证后，连接虽然加密，但不验证代理的身份：通信路径上的任何人都可能窃听。</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Send a last will</source>
        <translation>发送遗嘱消息</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Payload:</source>
        <translation>负载(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;QoS:</source>
        <translation>QoS(&amp;Q)：</translation>
    </message>
    <message>
        <source>Retain</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Will</source>
        <translation>遗嘱</translation>
    </message>
    <message>
        <source>0 (ends with the connection)</source>
        <translation>0（随连接结束）</translation>
    </message>
    <message>
        <source>Session &amp;expiry:</source>
        <translation>会话过期时间(&amp;E)：</translation>
    </message>
    <message>
        <source>not sent (65,535)</source>
        <translation>不发送（65,535）</translation>
    </message>
    <message>
        <source>&amp;Receive maximum:</source>
        <translation>接收最大值(&amp;R)：</translation>
    </message>
    <message>
        <source>not sent (no limit)</source>
        <translation>不发送（无限制）</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>&amp;Maximum packet size:</source>
        <translation>最大报文大小(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Topic alias maximum:</source>
        <translation>主题别名最大值(&amp;T)：</translation>
    </message>
    <message>
        <source>Request response information</source>
        <translation>请求响应信息</translation>
    </message>
    <message>
        <source>Request problem information (reason strings)</source>
        <translation>请求问题信息（原因字符串）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>&amp;User properties:</source>
        <translation>用户属性(&amp;U)：</translation>
    </message>
    <message>
        <source>MQTT 5</source>
        <translation>MQTT 5</translation>
    </message>
    <message>
        <source>Reconnect automatically after a lost or failed connection</source>
        <translation>连接丢失或失败后自动重连</translation>
    </message>
    <message>
        <source>First &amp;delay:</source>
        <translation>首次延迟(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Longest delay:</source>
        <translation>最长延迟(&amp;L)：</translation>
    </message>
    <message>
        <source>The delay doubles after each failed attempt, up to the longest delay. Refused credentials are not retried.</source>
        <translation>每次尝试失败后延迟加倍，直到最长延迟。凭据被拒绝时不会重试。</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重连</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save and &amp;connect</source>
        <translation>保存并连接(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keychain.</source>
        <translation>密码保存在系统密钥库中。</translation>
    </message>
    <message>
        <source>No keychain is available (%1): passwords are kept only until the inspector closes.</source>
        <translation>没有可用的密钥库（%1）：密码只保留到检查器关闭为止。</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>New broker</source>
        <translation>新代理</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Could not read the password from the keychain: %1</source>
        <translation>无法从密钥库读取密码：%1</translation>
    </message>
    <message>
        <source>The profile needs a name.</source>
        <translation>配置需要一个名称。</translation>
    </message>
    <message>
        <source>Another profile is already named &quot;%1&quot;.</source>
        <translation>已有另一个配置名为“%1”。</translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation>密码未保存：%1</translation>
    </message>
    <message>
        <source>Create a profile first.</source>
        <translation>请先创建一个配置。</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>The host is empty.</source>
        <translation>主机为空。</translation>
    </message>
    <message>
        <source>TLS settings: %1</source>
        <translation>TLS 设置：%1</translation>
    </message>
    <message>
        <source>The port %1 is outside 1 to 65535.</source>
        <translation>端口 %1 不在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>The keep alive %1 is outside 0 to 65535 seconds.</source>
        <translation>保活间隔 %1 不在 0 到 65535 秒之间。</translation>
    </message>
    <message>
        <source>The WebSocket path must start with &apos;/&apos;.</source>
        <translation>WebSocket 路径必须以“/”开头。</translation>
    </message>
    <message>
        <source>A persistent session (clean session off) needs a client id.</source>
        <translation>持久会话（关闭清除会话）需要客户端 ID。</translation>
    </message>
    <message>
        <source>The will topic &quot;%1&quot; is not a valid topic name.</source>
        <translation>遗嘱主题“%1”不是有效的主题名。</translation>
    </message>
    <message>
        <source>The reconnect delays must satisfy 1 ≤ minimum ≤ maximum.</source>
        <translation>重连延迟必须满足 1 ≤ 最小值 ≤ 最大值。</translation>
    </message>
    <message>
        <source>The subscription &quot;%1&quot; is not a valid topic filter.</source>
        <translation>订阅“%1”不是有效的主题过滤器。</translation>
    </message>
    <message>
        <source>A client certificate is set but the transport does not use TLS.</source>
        <translation>已设置客户端证书，但所选传输方式不使用 TLS。</translation>
    </message>
    <message>
        <source>Unsupported URL scheme &quot;%1&quot;: use mqtt://, mqtts://, ws:// or wss://.</source>
        <translation>不支持的 URL 协议“%1”：请使用 mqtt://、mqtts://、ws:// 或 wss://。</translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; names no host.</source>
        <translation>URL“%1”未指定主机。</translation>
    </message>
    <message>
        <source>A connect property is out of range.</source>
        <translation>某个连接属性超出范围。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Connection to %1: %2</source>
        <translation>连接 %1：%2</translation>
    </message>
    <message>
        <source>No keychain: passwords are kept only while the inspector runs (%1).</source>
        <translation>没有密钥库：密码仅在检查器运行期间保留（%1）。</translation>
    </message>
    <message>
        <source>About MQTT Inspector</source>
        <translation>关于 MQTT 检查器</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MQTT Inspector %1&lt;/h3&gt;&lt;p&gt;Explore MQTT brokers: topics, values, history, diffs and charts, publishing and retained messages. MQTT 3.1, 3.1.1 and 5.0 over TCP, TLS and WebSockets.&lt;/p&gt;&lt;p&gt;Built with MqttQt and Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MQTT 检查器 %1&lt;/h3&gt;&lt;p&gt;浏览 MQTT 代理：主题、数值、历史、差异与图表，发布消息和管理保留消息。支持基于 TCP、TLS 和 WebSocket 的 MQTT 3.1、3.1.1 和 5.0。&lt;/p&gt;&lt;p&gt;基于 MqttQt 和 Qt %2 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Connect to the selected broker</source>
        <translation>连接到所选的代理</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>Disconnect from the broker</source>
        <translation>断开与代理的连接</translation>
    </message>
    <message>
        <source>Connection &amp;profiles…</source>
        <translation>连接配置(&amp;P)…</translation>
    </message>
    <message>
        <source>Edit the connection profiles</source>
        <translation>编辑连接配置</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Freeze the view; messages keep arriving and are applied on resume</source>
        <translation>冻结视图；消息仍会继续接收，并在恢复后应用</translation>
    </message>
    <message>
        <source>C&amp;lear view</source>
        <translation>清空视图(&amp;L)</translation>
    </message>
    <message>
        <source>Forget every topic and message shown (nothing changes on the broker)</source>
        <translation>清除所显示的全部主题和消息（代理上的内容不变）</translation>
    </message>
    <message>
        <source>&amp;Find topics…</source>
        <translation>查找主题(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>Publish the message in the publish panel</source>
        <translation>发布“发布”面板中的消息</translation>
    </message>
    <message>
        <source>Publish to this &amp;topic…</source>
        <translation>发布到此主题(&amp;T)…</translation>
    </message>
    <message>
        <source>Copy &amp;topic</source>
        <translation>复制主题(&amp;T)</translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation>复制值(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Remove from view</source>
        <translation>从视图中移除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the topic and its subtree from the view (not from the broker)</source>
        <translation>从视图中移除该主题及其子树（不影响代理）</translation>
    </message>
    <message>
        <source>Clear &amp;retained messages here…</source>
        <translation>清除此处的保留消息(&amp;R)…</translation>
    </message>
    <message>
        <source>Delete the retained messages of this topic and every topic below it on the broker</source>
        <translation>删除代理上此主题及其下所有主题的保留消息</translation>
    </message>
    <message>
        <source>Clear &amp;all retained messages…</source>
        <translation>清除全部保留消息(&amp;A)…</translation>
    </message>
    <message>
        <source>Delete every retained message on the broker (that this connection may see)</source>
        <translation>删除代理上（此连接可见的）全部保留消息</translation>
    </message>
    <message>
        <source>&amp;Sort topics by name</source>
        <translation>按名称排序主题(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Highlight changes</source>
        <translation>高亮显示变化(&amp;H)</translation>
    </message>
    <message>
        <source>History &amp;limits…</source>
        <translation>历史记录上限(&amp;L)…</translation>
    </message>
    <message>
        <source>Toggle &amp;dark theme</source>
        <translation>切换深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About MQTT Inspector</source>
        <translation>关于 MQTT 检查器(&amp;A)</translation>
    </message>
    <message>
        <source>Show the &amp;value</source>
        <translation>显示值(&amp;V)</translation>
    </message>
    <message>
        <source>Show the &amp;history</source>
        <translation>显示历史(&amp;H)</translation>
    </message>
    <message>
        <source>Show the &amp;diff</source>
        <translation>显示差异(&amp;D)</translation>
    </message>
    <message>
        <source>Show the c&amp;hart</source>
        <translation>显示图表(&amp;H)</translation>
    </message>
    <message>
        <source>Show the p&amp;roperties</source>
        <translation>显示属性(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题外观(&amp;T)</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>语言(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Connection profile</source>
        <translation>连接配置</translation>
    </message>
    <message>
        <source>Search topics (Ctrl+F)</source>
        <translation>搜索主题（Ctrl+F）</translation>
    </message>
    <message>
        <source>Topic contains</source>
        <translation>主题包含</translation>
    </message>
    <message>
        <source>Topic filter (+, #)</source>
        <translation>主题过滤器（+、#）</translation>
    </message>
    <message>
        <source>Topic or value contains</source>
        <translation>主题或值包含</translation>
    </message>
    <message>
        <source>How the search text is matched</source>
        <translation>搜索文本的匹配方式</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Show &amp;subscriptions</source>
        <translation>显示订阅面板(&amp;S)</translation>
    </message>
    <message>
        <source>Show p&amp;ublish panel</source>
        <translation>显示发布面板(&amp;U)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No topics yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Choose a connection profile and press &lt;b&gt;Connect&lt;/b&gt; (F5). Topics appear here as messages arrive from your subscriptions (by default everything: &lt;tt&gt;#&lt;/tt&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;还没有主题。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;选择一个连接配置并点击&lt;b&gt;连接&lt;/b&gt;（F5）。订阅的消息到达后，主题会显示在这里（默认订阅全部：&lt;tt&gt;#&lt;/tt&gt;）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Local broker</source>
        <translation>本地代理</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1（未保存）</translation>
    </message>
    <message>
        <source>Password for %1 at %2:</source>
        <translation>%1 在 %2 的密码：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>(No password is saved in the keychain for this profile.)</source>
        <translation>（密钥库中没有为此配置保存密码。）</translation>
    </message>
    <message>
        <source>(The keychain could not be read: %1)</source>
        <translation>（无法读取密钥库：%1）</translation>
    </message>
    <message>
        <source>(No keychain is available: %1)</source>
        <translation>（没有可用的密钥库：%1）</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; cannot be used: %2</source>
        <translation>无法使用配置“%1”：%2</translation>
    </message>
    <message>
        <source>There is no connection profile named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的连接配置。</translation>
    </message>
    <message>
        <source>Expand all below</source>
        <translation>展开下方全部</translation>
    </message>
    <message>
        <source>Collapse all below</source>
        <translation>折叠下方全部</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Connected to %1 (%2)</source>
        <translation>已连接到 %1（%2）</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>正在断开连接…</translation>
    </message>
    <message>
        <source>Waiting to reconnect to %1: attempt %2 in %3 s (at %4)</source>
        <translation>等待重连 %1：第 %2 次尝试将在 %3 秒后（%4）进行</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 条/秒</translation>
    </message>
    <message>
        <source>Total: %1 msgs, %2</source>
        <translation>总计：%1 条，%2</translation>
    </message>
    <message>
        <source>Messages and payload bytes received on this connection</source>
        <translation>此连接上收到的消息数和负载字节数</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>主题数：%1</translation>
    </message>
    <message>
        <source>Queue: %1</source>
        <translation>队列：%1</translation>
    </message>
    <message>
        <source>Messages received and not yet applied to the view</source>
        <translation>已收到但尚未应用到视图的消息</translation>
    </message>
    <message>
        <source>Dropped from history: %1</source>
        <translation>移出历史：%1</translation>
    </message>
    <message>
        <source>%1 evicted by the history limits (%2 messages, %3 per topic, %4), %5 skipped while the view could not keep up (the latest message of every topic is always kept)</source>
        <translation>%1 条因历史上限被移除（共 %2 条、每个主题 %3 条、%4），%5 条在视图跟不上时被跳过（每个主题的最新消息始终保留）</translation>
    </message>
    <message>
        <source>PAUSED (%1 waiting)</source>
        <translation>已暂停（%1 条等待中）</translation>
    </message>
    <message>
        <source>MQTT Inspector</source>
        <translation>MQTT 检查器</translation>
    </message>
    <message>
        <source>MQTT Inspector — %1</source>
        <translation>MQTT 检查器 — %1</translation>
    </message>
    <message>
        <source>History limits</source>
        <translation>历史记录上限</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Messages per topic:</source>
        <translation>每个主题的消息数：</translation>
    </message>
    <message>
        <source>Messages in all:</source>
        <translation>消息总数：</translation>
    </message>
    <message>
        <source>Payload bytes in all:</source>
        <translation>负载总字节数：</translation>
    </message>
    <message>
        <source>The oldest messages leave first; the latest message of every topic is always kept.</source>
        <translation>最早的消息最先移除；每个主题的最新消息始终保留。</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Clear retained messages</source>
        <translation>清除保留消息</translation>
    </message>
    <message>
        <source>on the whole broker</source>
        <translation>（整个代理上）</translation>
    </message>
    <message>
        <source>under &quot;%1&quot;</source>
        <translation>（“%1”下）</translation>
    </message>
    <message>
        <source>An empty retained message is published to each topic, so the broker forgets its retained message. Subscribers see the empty messages. This cannot be undone.</source>
        <translation>将向每个主题发布一条空的保留消息，代理随即删除该主题的保留消息。订阅者会收到这些空消息。此操作无法撤销。</translation>
    </message>
    <message>
        <source>… and %L1 more</source>
        <translation>……以及另外 %L1 个</translation>
    </message>
    <message>
        <source>Delete retained messages</source>
        <translation>删除保留消息</translation>
    </message>
    <message>
        <source>Connect to a broker before clearing retained messages.</source>
        <translation>请先连接到代理，再清除保留消息。</translation>
    </message>
    <message>
        <source>the whole broker</source>
        <translation>整个代理</translation>
    </message>
    <message>
        <source>Looking for retained messages under %1…</source>
        <translation>正在查找 %1 下的保留消息…</translation>
    </message>
    <message>
        <source>Could not clear retained messages: %1</source>
        <translation>无法清除保留消息：%1</translation>
    </message>
    <message>
        <source>No retained messages under %1.</source>
        <translation>%1 下没有保留消息。</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>未删除任何内容。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>%L1 failed (%2).</source>
        <translation>%L1 条失败（%2）。</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln retained message(s) %1?</source>
        <translation>
            <numerusform>删除 %Ln 条保留消息%1？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %Ln retained message(s) under %1…</source>
        <translation>
            <numerusform>正在删除 %1 下的 %Ln 条保留消息…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln retained message(s) under %1.</source>
        <translation>
            <numerusform>已删除 %1 下的 %Ln 条保留消息。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln still retained (the broker may not allow deleting them).</source>
        <translation>
            <numerusform>仍有 %Ln 条保留消息（代理可能不允许删除）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MqttJson</name>
    <message>
        <source>the text is not valid UTF-8</source>
        <translation>文本不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>no JSON value (empty text)</source>
        <translation>没有 JSON 值（文本为空）</translation>
    </message>
    <message>
        <source>unexpected text after the JSON value</source>
        <translation>JSON 值之后有多余的文本</translation>
    </message>
    <message>
        <source>control character inside a string (must be escaped)</source>
        <translation>字符串中有控制字符（必须转义）</translation>
    </message>
    <message>
        <source>incomplete \u escape</source>
        <translation>\u 转义不完整</translation>
    </message>
    <message>
        <source>invalid \u escape (four hex digits expected)</source>
        <translation>无效的 \u 转义（应为四位十六进制数字）</translation>
    </message>
    <message>
        <source>invalid escape sequence in a string</source>
        <translation>字符串中有无效的转义序列</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>字符串未结束</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>无效的数字</translation>
    </message>
    <message>
        <source>invalid number (leading zero)</source>
        <translation>无效的数字（前导零）</translation>
    </message>
    <message>
        <source>invalid number (digits expected after the decimal point)</source>
        <translation>无效的数字（小数点后应有数字）</translation>
    </message>
    <message>
        <source>invalid number (digits expected in the exponent)</source>
        <translation>无效的数字（指数中应有数字）</translation>
    </message>
    <message>
        <source>nested more than %1 levels deep</source>
        <translation>嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>unexpected end of the text</source>
        <translation>文本意外结束</translation>
    </message>
    <message>
        <source>a member name in quotes expected</source>
        <translation>应为带引号的成员名</translation>
    </message>
    <message>
        <source>&apos;:&apos; expected after a member name</source>
        <translation>成员名之后应为“:”</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;}&apos; expected in an object</source>
        <translation>对象中应为“,”或“}”</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;]&apos; expected in an array</source>
        <translation>数组中应为“,”或“]”</translation>
    </message>
    <message>
        <source>unexpected character (a JSON value expected)</source>
        <translation>意外的字符（应为 JSON 值）</translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1（位于第 %2 字节）</translation>
    </message>
    <message>
        <source>unterminated quoted key at character %1</source>
        <translation>第 %1 个字符处的带引号键未结束</translation>
    </message>
    <message>
        <source>an array index in [ ] expected at character %1</source>
        <translation>第 %1 个字符处应为 [ ] 中的数组下标</translation>
    </message>
    <message>
        <source>array index too large at character %1</source>
        <translation>第 %1 个字符处的数组下标过大</translation>
    </message>
    <message>
        <source>empty key at character %1</source>
        <translation>第 %1 个字符处的键为空</translation>
    </message>
    <message>
        <source>the path ends with &apos;.&apos;</source>
        <translation>路径以“.”结尾</translation>
    </message>
    <message>
        <source>&apos;.&apos; or &apos;[&apos; expected at character %1</source>
        <translation>第 %1 个字符处应为“.”或“[”</translation>
    </message>
</context>
<context>
    <name>MqttMessageHistoryModel</name>
    <message>
        <source>retained</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Retain</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Skipped before</source>
        <translation>之前跳过</translation>
    </message>
</context>
<context>
    <name>MqttPayloadDiff</name>
    <message>
        <source>The old payload is not JSON: %1</source>
        <translation>旧负载不是 JSON：%1</translation>
    </message>
    <message>
        <source>The new payload is not JSON: %1</source>
        <translation>新负载不是 JSON：%1</translation>
    </message>
</context>
<context>
    <name>MqttPayloadDiffView</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>按行</translation>
    </message>
    <message>
        <source>JSON structure</source>
        <translation>JSON 结构</translation>
    </message>
    <message>
        <source>How the two payloads are compared</source>
        <translation>两个负载的比较方式</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>旧值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Nothing to compare.</source>
        <translation>没有可比较的内容。</translation>
    </message>
    <message>
        <source>Only the first %1 of each payload are compared (old %2, new %3).</source>
        <translation>每个负载只比较前 %1（旧 %2，新 %3）。</translation>
    </message>
    <message>
        <source>Only the first %L1 changes are listed.</source>
        <translation>只列出前 %L1 处变化。</translation>
    </message>
    <message>
        <source>%1 Showing a line diff.</source>
        <translation>%1 改为显示按行差异。</translation>
    </message>
    <message>
        <source>The JSON documents are equal.</source>
        <translation>两个 JSON 文档相同。</translation>
    </message>
    <message>
        <source>Keys added: %L1, removed: %L2, changed: %L3.</source>
        <translation>新增键：%L1，删除：%L2，修改：%L3。</translation>
    </message>
    <message>
        <source>More than 1,000 lines differ: the texts are shown as replaced, not line by line.</source>
        <translation>超过 1,000 行不同：整体显示为替换，而不是逐行比较。</translation>
    </message>
    <message>
        <source>The payloads are equal.</source>
        <translation>两个负载相同。</translation>
    </message>
    <message>
        <source>Lines added: %L1, removed: %L2.</source>
        <translation>新增行：%L1，删除行：%L2。</translation>
    </message>
    <message>
        <source>%1 → %2: </source>
        <translation>%1 → %2：</translation>
    </message>
    <message>
        <source>⋯ unchanged lines: %L1 ⋯</source>
        <translation>⋯ 未变化的行：%L1 ⋯</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>(whole document)</source>
        <translation>（整个文档）</translation>
    </message>
</context>
<context>
    <name>MqttPayloadFormat</name>
    <message>
        <source>Empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Binary</source>
        <translation>二进制</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
</context>
<context>
    <name>MqttPayloadView</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>How the payload is shown</source>
        <translation>负载的显示方式</translation>
    </message>
    <message>
        <source>Wrap</source>
        <translation>换行</translation>
    </message>
    <message>
        <source>Wrap long lines</source>
        <translation>自动换行显示长行</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the whole payload to the clipboard</source>
        <translation>将整个负载复制到剪贴板</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the payload&apos;s bytes to a file</source>
        <translation>将负载的字节保存到文件</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>(empty payload)</source>
        <translation>（空负载）</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>（无消息）</translation>
    </message>
    <message>
        <source>the SVG document could not be read</source>
        <translation>无法读取 SVG 文档</translation>
    </message>
    <message>
        <source>no image format recognised</source>
        <translation>无法识别图像格式</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>content type %1</source>
        <translation>内容类型 %1</translation>
    </message>
    <message>
        <source>%1 image · %2 × %3 · %4</source>
        <translation>%1 图像 · %2 × %3 · %4</translation>
    </message>
    <message>
        <source>Could not decode the image (%1); shown as hex.</source>
        <translation>无法解码图像（%1）；以十六进制显示。</translation>
    </message>
    <message>
        <source>Not valid JSON (%1); shown as text.</source>
        <translation>不是有效的 JSON（%1）；以文本显示。</translation>
    </message>
    <message>
        <source>Preview shortened: the first %1 lines of the formatted JSON are shown (payload %2).</source>
        <translation>预览已截短：只显示格式化后 JSON 的前 %1 行（负载 %2）。</translation>
    </message>
    <message>
        <source>JSON · %1</source>
        <translation>JSON · %1</translation>
    </message>
    <message>
        <source>Preview shortened: showing the first %1 of %2.</source>
        <translation>预览已截短：显示 %2 中的前 %1。</translation>
    </message>
    <message>
        <source>The payload is not valid UTF-8: invalid bytes are shown as �.</source>
        <translation>负载不是有效的 UTF-8：无效字节显示为 �。</translation>
    </message>
    <message>
        <source>Text · %1</source>
        <translation>文本 · %1</translation>
    </message>
    <message>
        <source>Preview shortened: showing the first %1 of %2 as hex.</source>
        <translation>预览已截短：以十六进制显示 %2 中的前 %1。</translation>
    </message>
    <message>
        <source>Binary · %1</source>
        <translation>二进制 · %1</translation>
    </message>
    <message>
        <source>Empty payload</source>
        <translation>空负载</translation>
    </message>
    <message>
        <source>No message</source>
        <translation>无消息</translation>
    </message>
    <message>
        <source>Save payload</source>
        <translation>保存负载</translation>
    </message>
    <message>
        <source>Could not save the payload to %1: %2</source>
        <translation>无法将负载保存到 %1：%2</translation>
    </message>
</context>
<context>
    <name>MqttPropertiesView</name>
    <message>
        <source>Payload format indicator</source>
        <translation>负载格式指示</translation>
    </message>
    <message>
        <source>Message expiry interval</source>
        <translation>消息过期间隔</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>内容类型</translation>
    </message>
    <message>
        <source>Response topic</source>
        <translation>响应主题</translation>
    </message>
    <message>
        <source>Correlation data</source>
        <translation>关联数据</translation>
    </message>
    <message>
        <source>Subscription identifier</source>
        <translation>订阅标识符</translation>
    </message>
    <message>
        <source>Session expiry interval</source>
        <translation>会话过期间隔</translation>
    </message>
    <message>
        <source>Assigned client identifier</source>
        <translation>分配的客户端标识符</translation>
    </message>
    <message>
        <source>Server keep alive</source>
        <translation>服务端保活时间</translation>
    </message>
    <message>
        <source>Authentication method</source>
        <translation>认证方法</translation>
    </message>
    <message>
        <source>Authentication data</source>
        <translation>认证数据</translation>
    </message>
    <message>
        <source>Request problem information</source>
        <translation>请求问题信息</translation>
    </message>
    <message>
        <source>Will delay interval</source>
        <translation>遗嘱延迟间隔</translation>
    </message>
    <message>
        <source>Request response information</source>
        <translation>请求响应信息</translation>
    </message>
    <message>
        <source>Response information</source>
        <translation>响应信息</translation>
    </message>
    <message>
        <source>Server reference</source>
        <translation>服务端参考</translation>
    </message>
    <message>
        <source>Reason string</source>
        <translation>原因字符串</translation>
    </message>
    <message>
        <source>Receive maximum</source>
        <translation>接收最大值</translation>
    </message>
    <message>
        <source>Topic alias maximum</source>
        <translation>主题别名最大值</translation>
    </message>
    <message>
        <source>Topic alias</source>
        <translation>主题别名</translation>
    </message>
    <message>
        <source>Maximum QoS</source>
        <translation>最大 QoS</translation>
    </message>
    <message>
        <source>Retain available</source>
        <translation>保留消息可用</translation>
    </message>
    <message>
        <source>User property</source>
        <translation>用户属性</translation>
    </message>
    <message>
        <source>Maximum packet size</source>
        <translation>最大报文大小</translation>
    </message>
    <message>
        <source>Wildcard subscription available</source>
        <translation>通配符订阅可用</translation>
    </message>
    <message>
        <source>Subscription identifier available</source>
        <translation>订阅标识符可用</translation>
    </message>
    <message>
        <source>Shared subscription available</source>
        <translation>共享订阅可用</translation>
    </message>
    <message>
        <source>Property 0x%1</source>
        <translation>属性 0x%1</translation>
    </message>
    <message>
        <source>hex: %1</source>
        <translation>十六进制：%1</translation>
    </message>
    <message>
        <source>%L1 s</source>
        <translation>%L1 秒</translation>
    </message>
    <message>
        <source>1 (UTF-8 text)</source>
        <translation>1（UTF-8 文本）</translation>
    </message>
    <message>
        <source>%1 (unspecified bytes)</source>
        <translation>%1（未指定格式的字节）</translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 字节</translation>
    </message>
    <message>
        <source>yes (1)</source>
        <translation>是（1）</translation>
    </message>
    <message>
        <source>no (0)</source>
        <translation>否（0）</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>No MQTT 5 properties</source>
        <translation>没有 MQTT 5 属性</translation>
    </message>
    <message>
        <source>User properties</source>
        <translation>用户属性</translation>
    </message>
</context>
<context>
    <name>MqttTopicFilterProxyModel</name>
    <message>
        <source>Not a valid MQTT topic filter: + and # must each fill a whole level, # may only be the last level, and the filter must be 1 to 65,535 UTF-8 bytes without U+0000.</source>
        <translation>不是有效的 MQTT 主题过滤器：+ 和 # 必须各自占据完整的一级，# 只能位于最后一级，且过滤器必须为 1 到 65,535 个 UTF-8 字节、不含 U+0000。</translation>
    </message>
</context>
<context>
    <name>MqttTopicTreeModel</name>
    <message>
        <source>(empty level)</source>
        <translation>（空层级）</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>主题数</translation>
    </message>
    <message>
        <source>Subtree messages</source>
        <translation>子树消息数</translation>
    </message>
</context>
<context>
    <name>MqttValueChartView</name>
    <message>
        <source>&amp;Value:</source>
        <translation>数值(&amp;V)：</translation>
    </message>
    <message>
        <source>the payload itself, or a field such as sensors.temp</source>
        <translation>负载本身，或某个字段，如 sensors.temp</translation>
    </message>
    <message>
        <source>Which number to chart: empty for the payload itself, or a JSON field path such as sensors.temp, data[0].v or [&quot;a.b&quot;]</source>
        <translation>要绘制的数值：留空表示负载本身，或填写 JSON 字段路径，如 sensors.temp、data[0].v 或 [&quot;a.b&quot;]</translation>
    </message>
    <message>
        <source>Invalid value path: %1</source>
        <translation>无效的数值路径：%1</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>还没有消息。</translation>
    </message>
    <message>
        <source>points: %L1</source>
        <translation>数据点：%L1</translation>
    </message>
    <message>
        <source>min %1 · max %2 · last %3</source>
        <translation>最小 %1 · 最大 %2 · 最新 %3</translation>
    </message>
    <message>
        <source>without a number: %L1</source>
        <translation>无数值：%L1</translation>
    </message>
    <message>
        <source>latest: %1</source>
        <translation>最新一条：%1</translation>
    </message>
    <message>
        <source>the latest %L1 messages are drawn</source>
        <translation>只绘制最新的 %L1 条消息</translation>
    </message>
</context>
<context>
    <name>MqttValueExtractor</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a bool</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>invalid value path: %1</source>
        <translation>无效的数值路径：%1</translation>
    </message>
    <message>
        <source>the payload is empty</source>
        <translation>负载为空</translation>
    </message>
    <message>
        <source>the payload is not a number</source>
        <translation>负载不是数字</translation>
    </message>
    <message>
        <source>the payload is not JSON (%1)</source>
        <translation>负载不是 JSON（%1）</translation>
    </message>
    <message>
        <source>the payload has no field %1</source>
        <translation>负载中没有字段 %1</translation>
    </message>
    <message>
        <source>the payload is %1, not a number: choose a field</source>
        <translation>负载是%1，不是数字：请选择一个字段</translation>
    </message>
    <message>
        <source>%1 is %2, not a number</source>
        <translation>%1 是%2，不是数字</translation>
    </message>
</context>
<context>
    <name>PublishPanel</name>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Hex: a byte needs two digits (position %1).</source>
        <translation>十六进制：每个字节需要两位数字（位置 %1）。</translation>
    </message>
    <message>
        <source>Hex: &apos;%1&apos; at position %2 is not a hex digit.</source>
        <translation>十六进制：位置 %2 的“%1”不是十六进制数字。</translation>
    </message>
    <message>
        <source>Hex: odd number of digits (the last byte has one digit).</source>
        <translation>十六进制：数字个数为奇数（最后一个字节只有一位）。</translation>
    </message>
    <message>
        <source>Choose a file to publish.</source>
        <translation>请选择要发布的文件。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than MQTT allows (256 MiB).</source>
        <translation>%1 超过了 MQTT 允许的大小（256 MiB）。</translation>
    </message>
    <message>
        <source>Publish a file</source>
        <translation>发布文件</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Content t&amp;ype:</source>
        <translation>内容类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>Response to&amp;pic:</source>
        <translation>响应主题(&amp;P)：</translation>
    </message>
    <message>
        <source>Co&amp;rrelation data:</source>
        <translation>关联数据(&amp;R)：</translation>
    </message>
    <message>
        <source>Message e&amp;xpiry:</source>
        <translation>消息过期(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;User properties:</source>
        <translation>用户属性(&amp;U)：</translation>
    </message>
    <message>
        <source>Topic to publish to, e.g. home/kitchen/light</source>
        <translation>要发布到的主题，如 home/kitchen/light</translation>
    </message>
    <message>
        <source>&amp;Retain</source>
        <translation>保留(&amp;R)</translation>
    </message>
    <message>
        <source>The broker keeps the message and sends it to future subscribers</source>
        <translation>代理会保存这条消息，并发送给以后的订阅者</translation>
    </message>
    <message>
        <source>Text (UTF-8)</source>
        <translation>文本（UTF-8）</translation>
    </message>
    <message>
        <source>JSON (checked before sending)</source>
        <translation>JSON（发送前检查）</translation>
    </message>
    <message>
        <source>Hex bytes</source>
        <translation>十六进制字节</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Format JSON</source>
        <translation>格式化 JSON</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>File whose bytes are the payload</source>
        <translation>以文件内容作为负载</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>MQTT 5 properties</source>
        <translation>MQTT 5 属性</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>none (text, sent as bytes)</source>
        <translation>无（文本，按字节发送）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Payload is UTF-8 text</source>
        <translation>负载为 UTF-8 文本</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add a user property</source>
        <translation>添加用户属性</translation>
    </message>
    <message>
        <source>Remove the selected user property</source>
        <translation>移除所选的用户属性</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>Publish (Ctrl+Return)</source>
        <translation>发布（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Sent (double-click to edit again):</source>
        <translation>已发送（双击可再次编辑）：</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>MQTT 5 properties need an MQTT 5 connection</source>
        <translation>MQTT 5 属性需要 MQTT 5 连接</translation>
    </message>
    <message>
        <source>The content type is too long.</source>
        <translation>内容类型过长。</translation>
    </message>
    <message>
        <source>The response topic &quot;%1&quot; is not a valid topic name.</source>
        <translation>响应主题“%1”不是有效的主题名。</translation>
    </message>
    <message>
        <source>The correlation data is too long.</source>
        <translation>关联数据过长。</translation>
    </message>
    <message>
        <source>User property %1 is too long.</source>
        <translation>第 %1 个用户属性过长。</translation>
    </message>
    <message>
        <source>Enter a topic to publish to.</source>
        <translation>请输入要发布到的主题。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid topic name (no + or #, not empty).</source>
        <translation>“%1”不是有效的主题名（不能含 + 或 #，且不能为空）。</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>未发布：%1</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>waiting for the broker</source>
        <translation>等待代理确认</translation>
    </message>
    <message>
        <source>Published %1 to %2.</source>
        <translation>已将 %1 发布到 %2。</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>The message to %1 failed: %2</source>
        <translation>发往 %1 的消息失败：%2</translation>
    </message>
    <message>
        <source> R</source>
        <translation> 保留</translation>
    </message>
    <message>
        <source>Restored the message sent at %1.</source>
        <translation>已恢复 %1 发送的消息。</translation>
    </message>
    <message>
        <source>(%1 characters, too long to keep)</source>
        <translation>（%1 个字符，太长，未保存）</translation>
    </message>
</context>
<context>
    <name>RetainedCleaner</name>
    <message>
        <source>No connection to the broker within %1 seconds.</source>
        <translation>%1 秒内未能连接到代理。</translation>
    </message>
    <message>
        <source>The broker refused the connection: %1</source>
        <translation>代理拒绝了连接：%1</translation>
    </message>
    <message>
        <source>The broker refused the subscription to %1: %2</source>
        <translation>代理拒绝了对 %1 的订阅：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The retained messages were not looked up first.</source>
        <translation>尚未先查找保留消息。</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the keychain is turned off (MQTT_INSPECTOR_NO_KEYCHAIN is set)</source>
        <translation>密钥库已关闭（设置了 MQTT_INSPECTOR_NO_KEYCHAIN）</translation>
    </message>
    <message>
        <source>no D-Bus session bus, so no Secret Service or KWallet keychain can be reached</source>
        <translation>没有 D-Bus 会话总线，因此无法访问 Secret Service 或 KWallet 密钥库</translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 seconds</source>
        <translation>密钥库在 %1 秒内没有响应</translation>
    </message>
    <message>
        <source>no keychain backend is available</source>
        <translation>没有可用的密钥库后端</translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation>密钥库没有响应</translation>
    </message>
    <message>
        <source>not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>没有密钥库</translation>
    </message>
</context>
<context>
    <name>SubscriptionsPanel</name>
    <message>
        <source>QoS 0 (at most once)</source>
        <translation>QoS 0（至多一次）</translation>
    </message>
    <message>
        <source>QoS 1 (at least once)</source>
        <translation>QoS 1（至少一次）</translation>
    </message>
    <message>
        <source>QoS 2 (exactly once)</source>
        <translation>QoS 2（恰好一次）</translation>
    </message>
    <message>
        <source>Topic filter, e.g. home/+/temperature or #</source>
        <translation>主题过滤器，如 home/+/temperature 或 #</translation>
    </message>
    <message>
        <source>An MQTT topic filter: + matches one level, # everything below</source>
        <translation>MQTT 主题过滤器：+ 匹配一级，# 匹配其下全部</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>取消订阅</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>过滤器</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid topic filter: + and # must fill a whole level, # only at the end.</source>
        <translation>“%1”不是有效的主题过滤器：+ 和 # 必须占据完整的一级，# 只能位于末尾。</translation>
    </message>
    <message>
        <source>Already subscribed to %1.</source>
        <translation>已经订阅了 %1。</translation>
    </message>
    <message>
        <source>not active (waiting for a connection or the broker&apos;s answer)</source>
        <translation>未生效（等待连接或代理的应答）</translation>
    </message>
    <message>
        <source>granted QoS %1</source>
        <translation>已授予 QoS %1</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
</context>
<context>
    <name>TopicDetails</name>
    <message>
        <source>&amp;Value</source>
        <translation>值(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Diff</source>
        <translation>差异(&amp;D)</translation>
    </message>
    <message>
        <source>C&amp;hart</source>
        <translation>图表(&amp;H)</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>属性(&amp;R)</translation>
    </message>
    <message>
        <source>Copy the topic</source>
        <translation>复制主题</translation>
    </message>
    <message>
        <source>Publish to this topic</source>
        <translation>发布到此主题</translation>
    </message>
    <message>
        <source>Clear the retained messages of this topic and below…</source>
        <translation>清除此主题及其下的保留消息…</translation>
    </message>
    <message>
        <source>Show the latest</source>
        <translation>显示最新消息</translation>
    </message>
    <message>
        <source>No topic selected</source>
        <translation>未选择主题</translation>
    </message>
    <message>
        <source>Select a topic in the tree to see its messages.</source>
        <translation>在主题树中选择一个主题以查看其消息。</translation>
    </message>
    <message>
        <source>QoS %1</source>
        <translation>QoS %1</translation>
    </message>
    <message>
        <source>retained</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1 条/秒</translation>
    </message>
    <message>
        <source>%L1 skipped under overflow</source>
        <translation>溢出时跳过 %L1 条</translation>
    </message>
    <message>
        <source>&amp;History (%L1)</source>
        <translation>历史 (%L1)(&amp;H)</translation>
    </message>
    <message>
        <source>Showing the message of %1 (%L2 of %L3).</source>
        <translation>正在显示 %1 的消息（第 %L2 条，共 %L3 条）。</translation>
    </message>
    <message>
        <source>No message on this topic yet.</source>
        <translation>此主题还没有消息。</translation>
    </message>
    <message>
        <source>P&amp;roperties (%L1)</source>
        <translation>属性 (%L1)(&amp;R)</translation>
    </message>
    <message>
        <source>No earlier message of this topic is in the history to compare with.</source>
        <translation>历史中没有此主题更早的消息可供比较。</translation>
    </message>
    <message numerus="yes">
        <source>No message on exactly this topic; %Ln topic(s) below it.</source>
        <translation>
            <numerusform>此主题本身没有消息；其下有 %Ln 个主题。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln MQTT 5 property(s)</source>
        <translation>
            <numerusform>%Ln 个 MQTT 5 属性</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>mqtt-inspector: no display is available ($DISPLAY and $WAYLAND_DISPLAY are not set).
Run it in a desktop session, or on a headless machine with a virtual display:
    xvfb-run -a mqtt-inspector [options]
or without a window at all: QT_QPA_PLATFORM=offscreen mqtt-inspector [options]</source>
        <translation>mqtt-inspector：没有可用的显示（未设置 $DISPLAY 和 $WAYLAND_DISPLAY）。
请在桌面会话中运行；在无显示器的机器上可使用虚拟显示：
    xvfb-run -a mqtt-inspector [选项]
或完全不显示窗口：QT_QPA_PLATFORM=offscreen mqtt-inspector [选项]</translation>
    </message>
    <message>
        <source>MQTT Inspector</source>
        <translation>MQTT 检查器</translation>
    </message>
    <message>
        <source>Explore an MQTT broker: topics, values, history, diffs, charts.</source>
        <translation>浏览 MQTT 代理：主题、数值、历史、差异、图表。</translation>
    </message>
    <message>
        <source>Connect at start to URL (mqtt://, mqtts://, ws://, wss://) with a profile that is not saved.</source>
        <translation>启动时以一个不保存的配置连接到 URL（mqtt://、mqtts://、ws://、wss://）。</translation>
    </message>
    <message>
        <source>Name of that profile.</source>
        <translation>该配置的名称。</translation>
    </message>
    <message>
        <source>Subscribe to filter (repeatable; default #).</source>
        <translation>订阅该过滤器（可重复指定；默认 #）。</translation>
    </message>
    <message>
        <source>User interface language: en or zh_CN.</source>
        <translation>界面语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>system, light or dark.</source>
        <translation>system（跟随系统）、light（浅色）或 dark（深色）。</translation>
    </message>
    <message>
        <source>Messages kept per topic (default 1000).</source>
        <translation>每个主题保留的消息数（默认 1000）。</translation>
    </message>
    <message>
        <source>Messages kept in all (default 100000).</source>
        <translation>总共保留的消息数（默认 100000）。</translation>
    </message>
    <message>
        <source>Payload MiB kept in all (default 64).</source>
        <translation>总共保留的负载大小，单位 MiB（默认 64）。</translation>
    </message>
    <message>
        <source>Select topic once it arrives.</source>
        <translation>主题出现后立即选中。</translation>
    </message>
    <message>
        <source>Details tab to show: value, history, diff, chart or properties.</source>
        <translation>要显示的详情页：value、history、diff、chart 或 properties。</translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x800.</source>
        <translation>窗口大小，如 1280x800。</translation>
    </message>
    <message>
        <source>Save a picture of the window to file (after --screenshot-delay).</source>
        <translation>将窗口截图保存到文件（在 --screenshot-delay 之后）。</translation>
    </message>
    <message>
        <source>Milliseconds before the screenshot (default 5000).</source>
        <translation>截图前等待的毫秒数（默认 5000）。</translation>
    </message>
    <message>
        <source>Quit after seconds.</source>
        <translation>指定秒数后退出。</translation>
    </message>
    <message>
        <source>Measure the GUI thread&apos;s event-loop latency and write a JSON report to file on quitting.</source>
        <translation>测量 GUI 线程事件循环的延迟，并在退出时将 JSON 报告写入文件。</translation>
    </message>
    <message>
        <source>mqtt-inspector: cannot write %1</source>
        <translation>mqtt-inspector：无法写入 %1</translation>
    </message>
    <message>
        <source>mqtt-inspector: cannot save the screenshot to %1</source>
        <translation>mqtt-inspector：无法将截图保存到 %1</translation>
    </message>
</context>
</TS>
