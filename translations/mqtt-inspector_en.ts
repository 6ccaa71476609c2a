<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ClientController</name>
    <message>
        <source>The broker refused the connection: %1</source>
        <translation>The broker refused the connection: %1</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
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
        <translation>Secure WebSocket (wss://)</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>&amp;Transport:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>WebSocket &amp;path:</source>
        <translation>WebSocket &amp;path:</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>&amp;Protocol:</translation>
    </message>
    <message>
        <source>generated for each connection</source>
        <translation>generated for each connection</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation>&amp;Client id:</translation>
    </message>
    <message>
        <source>Start a clean session (no session kept by the broker)</source>
        <translation>Start a clean session (no session kept by the broker)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Keep alive:</source>
        <translation>&amp;Keep alive:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>Save the password in the system keychain</source>
        <translation>Save the password in the system keychain</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA certificates</translation>
    </message>
    <message>
        <source>the system&apos;s CA certificates</source>
        <translation>the system&apos;s CA certificates</translation>
    </message>
    <message>
        <source>&amp;CA certificates:</source>
        <translation>&amp;CA certificates:</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>Client certificate</translation>
    </message>
    <message>
        <source>none (no mutual TLS)</source>
        <translation>none (no mutual TLS)</translation>
    </message>
    <message>
        <source>Client c&amp;ertificate:</source>
        <translation>Client c&amp;ertificate:</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client key</translation>
    </message>
    <message>
        <source>in the certificate file</source>
        <translation>in the certificate file</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>Client &amp;key:</translation>
    </message>
    <message>
        <source>only for an encrypted key</source>
        <translation>only for an encrypted key</translation>
    </message>
    <message>
        <source>Key &amp;passphrase:</source>
        <translation>Key &amp;passphrase:</translation>
    </message>
    <message>
        <source>Verify the broker&apos;s certificate</source>
        <translation>Verify the broker&apos;s certificate</translation>
    </message>
    <message>
        <source>Check that the certificate names the host</source>
        <translation>Check that the certificate names the host</translation>
    </message>
    <message>
        <source>Turning verification off encrypts without authenticating the broker: anyone on the path could read along.</source>
        <translation>Turning verification off encrypts without authenticating the broker: anyone on the path could read along.</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Send a last will</source>
        <translation>Send a last will</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Topic:</translation>
    </message>
    <message>
        <source>&amp;Payload:</source>
        <translation>&amp;Payload:</translation>
    </message>
    <message>
        <source>&amp;QoS:</source>
        <translation>&amp;QoS:</translation>
    </message>
    <message>
        <source>Retain</source>
        <translation>Retain</translation>
    </message>
    <message>
        <source>Will</source>
        <translation>Will</translation>
    </message>
    <message>
        <source>0 (ends with the connection)</source>
        <translation>0 (ends with the connection)</translation>
    </message>
    <message>
        <source>Session &amp;expiry:</source>
        <translation>Session &amp;expiry:</translation>
    </message>
    <message>
        <source>not sent (65,535)</source>
        <translation>not sent (65,535)</translation>
    </message>
    <message>
        <source>&amp;Receive maximum:</source>
        <translation>&amp;Receive maximum:</translation>
    </message>
    <message>
        <source>not sent (no limit)</source>
        <translation>not sent (no limit)</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> bytes</translation>
    </message>
    <message>
        <source>&amp;Maximum packet size:</source>
        <translation>&amp;Maximum packet size:</translation>
    </message>
    <message>
        <source>&amp;Topic alias maximum:</source>
        <translation>&amp;Topic alias maximum:</translation>
    </message>
    <message>
        <source>Request response information</source>
        <translation>Request response information</translation>
    </message>
    <message>
        <source>Request problem information (reason strings)</source>
        <translation>Request problem information (reason strings)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>&amp;User properties:</source>
        <translation>&amp;User properties:</translation>
    </message>
    <message>
        <source>MQTT 5</source>
        <translation>MQTT 5</translation>
    </message>
    <message>
        <source>Reconnect automatically after a lost or failed connection</source>
        <translation>Reconnect automatically after a lost or failed connection</translation>
    </message>
    <message>
        <source>First &amp;delay:</source>
        <translation>First &amp;delay:</translation>
    </message>
    <message>
        <source>&amp;Longest delay:</source>
        <translation>&amp;Longest delay:</translation>
    </message>
    <message>
        <source>The delay doubles after each failed attempt, up to the longest delay. Refused credentials are not retried.</source>
        <translation>The delay doubles after each failed attempt, up to the longest delay. Refused credentials are not retried.</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconnect</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Save and &amp;connect</source>
        <translation>Save and &amp;connect</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keychain.</source>
        <translation>Passwords are kept in the system keychain.</translation>
    </message>
    <message>
        <source>No keychain is available (%1): passwords are kept only until the inspector closes.</source>
        <translation>No keychain is available (%1): passwords are kept only until the inspector closes.</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>not checked</translation>
    </message>
    <message>
        <source>New broker</source>
        <translation>New broker</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>Could not read the password from the keychain: %1</source>
        <translation>Could not read the password from the keychain: %1</translation>
    </message>
    <message>
        <source>The profile needs a name.</source>
        <translation>The profile needs a name.</translation>
    </message>
    <message>
        <source>Another profile is already named &quot;%1&quot;.</source>
        <translation>Another profile is already named &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation>The password was not saved: %1</translation>
    </message>
    <message>
        <source>Create a profile first.</source>
        <translation>Create a profile first.</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>The host is empty.</source>
        <translation>The host is empty.</translation>
    </message>
    <message>
        <source>The port %1 is outside 1 to 65535.</source>
        <translation>The port %1 is outside 1 to 65535.</translation>
    </message>
    <message>
        <source>The keep alive %1 is outside 0 to 65535 seconds.</source>
        <translation>The keep alive %1 is outside 0 to 65535 seconds.</translation>
    </message>
    <message>
        <source>The WebSocket path must start with &apos;/&apos;.</source>
        <translation>The WebSocket path must start with &apos;/&apos;.</translation>
    </message>
    <message>
        <source>A persistent session (clean session off) needs a client id.</source>
        <translation>A persistent session (clean session off) needs a client id.</translation>
    </message>
    <message>
        <source>The will topic &quot;%1&quot; is not a valid topic name.</source>
        <translation>The will topic &quot;%1&quot; is not a valid topic name.</translation>
    </message>
    <message>
        <source>The reconnect delays must satisfy 1 ≤ minimum ≤ maximum.</source>
        <translation>The reconnect delays must satisfy 1 ≤ minimum ≤ maximum.</translation>
    </message>
    <message>
        <source>The subscription &quot;%1&quot; is not a valid topic filter.</source>
        <translation>The subscription &quot;%1&quot; is not a valid topic filter.</translation>
    </message>
    <message>
        <source>A client certificate is set but the transport does not use TLS.</source>
        <translation>A client certificate is set but the transport does not use TLS.</translation>
    </message>
    <message>
        <source>Unsupported URL scheme &quot;%1&quot;: use mqtt://, mqtts://, ws:// or wss://.</source>
        <translation>Unsupported URL scheme &quot;%1&quot;: use mqtt://, mqtts://, ws:// or wss://.</translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; names no host.</source>
        <translation>The URL &quot;%1&quot; names no host.</translation>
    </message>
    <message>
        <source>A connect property is out of range.</source>
        <translation>A connect property is out of range.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Connection to %1: %2</source>
        <translation>Connection to %1: %2</translation>
    </message>
    <message>
        <source>No keychain: passwords are kept only while the inspector runs (%1).</source>
        <translation>No keychain: passwords are kept only while the inspector runs (%1).</translation>
    </message>
    <message>
        <source>About MQTT Inspector</source>
        <translation>About MQTT Inspector</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MQTT Inspector %1&lt;/h3&gt;&lt;p&gt;Explore MQTT brokers: topics, values, history, diffs and charts, publishing and retained messages. MQTT 3.1, 3.1.1 and 5.0 over TCP, TLS and WebSockets.&lt;/p&gt;&lt;p&gt;Built with MqttQt and Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MQTT Inspector %1&lt;/h3&gt;&lt;p&gt;Explore MQTT brokers: topics, values, history, diffs and charts, publishing and retained messages. MQTT 3.1, 3.1.1 and 5.0 over TCP, TLS and WebSockets.&lt;/p&gt;&lt;p&gt;Built with MqttQt and Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connect</translation>
    </message>
    <message>
        <source>Connect to the selected broker</source>
        <translation>Connect to the selected broker</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Disconnect</translation>
    </message>
    <message>
        <source>Disconnect from the broker</source>
        <translation>Disconnect from the broker</translation>
    </message>
    <message>
        <source>Connection &amp;profiles…</source>
        <translation>Connection &amp;profiles…</translation>
    </message>
    <message>
        <source>Edit the connection profiles</source>
        <translation>Edit the connection profiles</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Freeze the view; messages keep arriving and are applied on resume</source>
        <translation>Freeze the view; messages keep arriving and are applied on resume</translation>
    </message>
    <message>
        <source>C&amp;lear view</source>
        <translation>C&amp;lear view</translation>
    </message>
    <message>
        <source>Forget every topic and message shown (nothing changes on the broker)</source>
        <translation>Forget every topic and message shown (nothing changes on the broker)</translation>
    </message>
    <message>
        <source>&amp;Find topics…</source>
        <translation>&amp;Find topics…</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publish</translation>
    </message>
    <message>
        <source>Publish the message in the publish panel</source>
        <translation>Publish the message in the publish panel</translation>
    </message>
    <message>
        <source>Publish to this &amp;topic…</source>
        <translation>Publish to this &amp;topic…</translation>
    </message>
    <message>
        <source>Copy &amp;topic</source>
        <translation>Copy &amp;topic</translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation>Copy &amp;value</translation>
    </message>
    <message>
        <source>&amp;Remove from view</source>
        <translation>&amp;Remove from view</translation>
    </message>
    <message>
        <source>Remove the topic and its subtree from the view (not from the broker)</source>
        <translation>Remove the topic and its subtree from the view (not from the broker)</translation>
    </message>
    <message>
        <source>Clear &amp;retained messages here…</source>
        <translation>Clear &amp;retained messages here…</translation>
    </message>
    <message>
        <source>Delete the retained messages of this topic and every topic below it on the broker</source>
        <translation>Delete the retained messages of this topic and every topic below it on the broker</translation>
    </message>
    <message>
        <source>Clear &amp;all retained messages…</source>
        <translation>Clear &amp;all retained messages…</translation>
    </message>
    <message>
        <source>Delete every retained message on the broker (that this connection may see)</source>
        <translation>Delete every retained message on the broker (that this connection may see)</translation>
    </message>
    <message>
        <source>&amp;Sort topics by name</source>
        <translation>&amp;Sort topics by name</translation>
    </message>
    <message>
        <source>&amp;Highlight changes</source>
        <translation>&amp;Highlight changes</translation>
    </message>
    <message>
        <source>History &amp;limits…</source>
        <translation>History &amp;limits…</translation>
    </message>
    <message>
        <source>Toggle &amp;dark theme</source>
        <translation>Toggle &amp;dark theme</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About MQTT Inspector</source>
        <translation>&amp;About MQTT Inspector</translation>
    </message>
    <message>
        <source>Show the &amp;value</source>
        <translation>Show the &amp;value</translation>
    </message>
    <message>
        <source>Show the &amp;history</source>
        <translation>Show the &amp;history</translation>
    </message>
    <message>
        <source>Show the &amp;diff</source>
        <translation>Show the &amp;diff</translation>
    </message>
    <message>
        <source>Show the c&amp;hart</source>
        <translation>Show the c&amp;hart</translation>
    </message>
    <message>
        <source>Show the p&amp;roperties</source>
        <translation>Show the p&amp;roperties</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Light</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dark</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>&amp;Connection</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Theme</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>L&amp;anguage</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>&amp;Topic</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <source>Connection profile</source>
        <translation>Connection profile</translation>
    </message>
    <message>
        <source>Search topics (Ctrl+F)</source>
        <translation>Search topics (Ctrl+F)</translation>
    </message>
    <message>
        <source>Topic contains</source>
        <translation>Topic contains</translation>
    </message>
    <message>
        <source>Topic filter (+, #)</source>
        <translation>Topic filter (+, #)</translation>
    </message>
    <message>
        <source>Topic or value contains</source>
        <translation>Topic or value contains</translation>
    </message>
    <message>
        <source>How the search text is matched</source>
        <translation>How the search text is matched</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Subscriptions</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Show &amp;subscriptions</source>
        <translation>Show &amp;subscriptions</translation>
    </message>
    <message>
        <source>Show p&amp;ublish panel</source>
        <translation>Show p&amp;ublish panel</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No topics yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Choose a connection profile and press &lt;b&gt;Connect&lt;/b&gt; (F5). Topics appear here as messages arrive from your subscriptions (by default everything: &lt;tt&gt;#&lt;/tt&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;No topics yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Choose a connection profile and press &lt;b&gt;Connect&lt;/b&gt; (F5). Topics appear here as messages arrive from your subscriptions (by default everything: &lt;tt&gt;#&lt;/tt&gt;).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Local broker</source>
        <translation>Local broker</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1 (not saved)</translation>
    </message>
    <message>
        <source>Password for %1 at %2:</source>
        <translation>Password for %1 at %2:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>(No password is saved in the keychain for this profile.)</source>
        <translation>(No password is saved in the keychain for this profile.)</translation>
    </message>
    <message>
        <source>(The keychain could not be read: %1)</source>
        <translation>(The keychain could not be read: %1)</translation>
    </message>
    <message>
        <source>(No keychain is available: %1)</source>
        <translation>(No keychain is available: %1)</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; cannot be used: %2</source>
        <translation>The profile &quot;%1&quot; cannot be used: %2</translation>
    </message>
    <message>
        <source>There is no connection profile named &quot;%1&quot;.</source>
        <translation>There is no connection profile named &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Expand all below</source>
        <translation>Expand all below</translation>
    </message>
    <message>
        <source>Collapse all below</source>
        <translation>Collapse all below</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Disconnected: %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>Connected to %1 (%2)</source>
        <translation>Connected to %1 (%2)</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>Disconnecting…</translation>
    </message>
    <message>
        <source>Waiting to reconnect to %1: attempt %2 in %3 s (at %4)</source>
        <translation>Waiting to reconnect to %1: attempt %2 in %3 s (at %4)</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msg/s</translation>
    </message>
    <message>
        <source>Total: %1 msgs, %2</source>
        <translation>Total: %1 msgs, %2</translation>
    </message>
    <message>
        <source>Messages and payload bytes received on this connection</source>
        <translation>Messages and payload bytes received on this connection</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Topics: %1</translation>
    </message>
    <message>
        <source>Queue: %1</source>
        <translation>Queue: %1</translation>
    </message>
    <message>
        <source>Messages received and not yet applied to the view</source>
        <translation>Messages received and not yet applied to the view</translation>
    </message>
    <message>
        <source>Dropped from history: %1</source>
        <translation>Dropped from history: %1</translation>
    </message>
    <message>
        <source>%1 evicted by the history limits (%2 messages, %3 per topic, %4), %5 skipped while the view could not keep up (the latest message of every topic is always kept)</source>
        <translation>%1 evicted by the history limits (%2 messages, %3 per topic, %4), %5 skipped while the view could not keep up (the latest message of every topic is always kept)</translation>
    </message>
    <message>
        <source>PAUSED (%1 waiting)</source>
        <translation>PAUSED (%1 waiting)</translation>
    </message>
    <message>
        <source>MQTT Inspector</source>
        <translation>MQTT Inspector</translation>
    </message>
    <message>
        <source>MQTT Inspector — %1</source>
        <translation>MQTT Inspector — %1</translation>
    </message>
    <message>
        <source>History limits</source>
        <translation>History limits</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Messages per topic:</source>
        <translation>Messages per topic:</translation>
    </message>
    <message>
        <source>Messages in all:</source>
        <translation>Messages in all:</translation>
    </message>
    <message>
        <source>Payload bytes in all:</source>
        <translation>Payload bytes in all:</translation>
    </message>
    <message>
        <source>The oldest messages leave first; the latest message of every topic is always kept.</source>
        <translation>The oldest messages leave first; the latest message of every topic is always kept.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Clear retained messages</source>
        <translation>Clear retained messages</translation>
    </message>
    <message>
        <source>on the whole broker</source>
        <translation>on the whole broker</translation>
    </message>
    <message>
        <source>under &quot;%1&quot;</source>
        <translation>under &quot;%1&quot;</translation>
    </message>
    <message>
        <source>An empty retained message is published to each topic, so the broker forgets its retained message. Subscribers see the empty messages. This cannot be undone.</source>
        <translation>An empty retained message is published to each topic, so the broker forgets its retained message. Subscribers see the empty messages. This cannot be undone.</translation>
    </message>
    <message>
        <source>… and %L1 more</source>
        <translation>… and %L1 more</translation>
    </message>
    <message>
        <source>Delete retained messages</source>
        <translation>Delete retained messages</translation>
    </message>
    <message>
        <source>Connect to a broker before clearing retained messages.</source>
        <translation>Connect to a broker before clearing retained messages.</translation>
    </message>
    <message>
        <source>the whole broker</source>
        <translation>the whole broker</translation>
    </message>
    <message>
        <source>Looking for retained messages under %1…</source>
        <translation>Looking for retained messages under %1…</translation>
    </message>
    <message>
        <source>Could not clear retained messages: %1</source>
        <translation>Could not clear retained messages: %1</translation>
    </message>
    <message>
        <source>No retained messages under %1.</source>
        <translation>No retained messages under %1.</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>Nothing was deleted.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>%L1 failed (%2).</source>
        <translation>%L1 failed (%2).</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln retained message(s) %1?</source>
        <translation>
            <numerusform>Delete %Ln retained message %1?</numerusform>
            <numerusform>Delete %Ln retained messages %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %Ln retained message(s) under %1…</source>
        <translation>
            <numerusform>Deleting %Ln retained message under %1…</numerusform>
            <numerusform>Deleting %Ln retained messages under %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln retained message(s) under %1.</source>
        <translation>
            <numerusform>Deleted %Ln retained message under %1.</numerusform>
            <numerusform>Deleted %Ln retained messages under %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln still retained (the broker may not allow deleting them).</source>
        <translation>
            <numerusform>%Ln is still retained (the broker may not allow deleting it).</numerusform>
            <numerusform>%Ln are still retained (the broker may not allow deleting them).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MqttJson</name>
    <message>
        <source>the text is not valid UTF-8</source>
        <translation>the text is not valid UTF-8</translation>
    </message>
    <message>
        <source>no JSON value (empty text)</source>
        <translation>no JSON value (empty text)</translation>
    </message>
    <message>
        <source>unexpected text after the JSON value</source>
        <translation>unexpected text after the JSON value</translation>
    </message>
    <message>
        <source>control character inside a string (must be escaped)</source>
        <translation>control character inside a string (must be escaped)</translation>
    </message>
    <message>
        <source>incomplete \u escape</source>
        <translation>incomplete \u escape</translation>
    </message>
    <message>
        <source>invalid \u escape (four hex digits expected)</source>
        <translation>invalid \u escape (four hex digits expected)</translation>
    </message>
    <message>
        <source>invalid escape sequence in a string</source>
        <translation>invalid escape sequence in a string</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>unterminated string</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>invalid number</translation>
    </message>
    <message>
        <source>invalid number (leading zero)</source>
        <translation>invalid number (leading zero)</translation>
    </message>
    <message>
        <source>invalid number (digits expected after the decimal point)</source>
        <translation>invalid number (digits expected after the decimal point)</translation>
    </message>
    <message>
        <source>invalid number (digits expected in the exponent)</source>
        <translation>invalid number (digits expected in the exponent)</translation>
    </message>
    <message>
        <source>nested more than %1 levels deep</source>
        <translation>nested more than %1 levels deep</translation>
    </message>
    <message>
        <source>unexpected end of the text</source>
        <translation>unexpected end of the text</translation>
    </message>
    <message>
        <source>a member name in quotes expected</source>
        <translation>a member name in quotes expected</translation>
    </message>
    <message>
        <source>&apos;:&apos; expected after a member name</source>
        <translation>&apos;:&apos; expected after a member name</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;}&apos; expected in an object</source>
        <translation>&apos;,&apos; or &apos;}&apos; expected in an object</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;]&apos; expected in an array</source>
        <translation>&apos;,&apos; or &apos;]&apos; expected in an array</translation>
    </message>
    <message>
        <source>unexpected character (a JSON value expected)</source>
        <translation>unexpected character (a JSON value expected)</translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1 at byte %2</translation>
    </message>
    <message>
        <source>unterminated quoted key at character %1</source>
        <translation>unterminated quoted key at character %1</translation>
    </message>
    <message>
        <source>an array index in [ ] expected at character %1</source>
        <translation>an array index in [ ] expected at character %1</translation>
    </message>
    <message>
        <source>array index too large at character %1</source>
        <translation>array index too large at character %1</translation>
    </message>
    <message>
        <source>empty key at character %1</source>
        <translation>empty key at character %1</translation>
    </message>
    <message>
        <source>the path ends with &apos;.&apos;</source>
        <translation>the path ends with &apos;.&apos;</translation>
    </message>
    <message>
        <source>&apos;.&apos; or &apos;[&apos; expected at character %1</source>
        <translation>&apos;.&apos; or &apos;[&apos; expected at character %1</translation>
    </message>
</context>
<context>
    <name>MqttMessageHistoryModel</name>
    <message>
        <source>retained</source>
        <translation>retained</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Retain</source>
        <translation>Retain</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Properties</translation>
    </message>
    <message>
        <source>Skipped before</source>
        <translation>Skipped before</translation>
    </message>
</context>
<context>
    <name>MqttPayloadDiff</name>
    <message>
        <source>The old payload is not JSON: %1</source>
        <translation>The old payload is not JSON: %1</translation>
    </message>
    <message>
        <source>The new payload is not JSON: %1</source>
        <translation>The new payload is not JSON: %1</translation>
    </message>
</context>
<context>
    <name>MqttPayloadDiffView</name>
    <message>
        <source>Automatic</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>JSON structure</source>
        <translation>JSON structure</translation>
    </message>
    <message>
        <source>How the two payloads are compared</source>
        <translation>How the two payloads are compared</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Path</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>Nothing to compare.</source>
        <translation>Nothing to compare.</translation>
    </message>
    <message>
        <source>Only the first %1 of each payload are compared (old %2, new %3).</source>
        <translation>Only the first %1 of each payload are compared (old %2, new %3).</translation>
    </message>
    <message>
        <source>Only the first %L1 changes are listed.</source>
        <translation>Only the first %L1 changes are listed.</translation>
    </message>
    <message>
        <source>%1 Showing a line diff.</source>
        <translation>%1 Showing a line diff.</translation>
    </message>
    <message>
        <source>The JSON documents are equal.</source>
        <translation>The JSON documents are equal.</translation>
    </message>
    <message>
        <source>Keys added: %L1, removed: %L2, changed: %L3.</source>
        <translation>Keys added: %L1, removed: %L2, changed: %L3.</translation>
    </message>
    <message>
        <source>More than 1,000 lines differ: the texts are shown as replaced, not line by line.</source>
        <translation>More than 1,000 lines differ: the texts are shown as replaced, not line by line.</translation>
    </message>
    <message>
        <source>The payloads are equal.</source>
        <translation>The payloads are equal.</translation>
    </message>
    <message>
        <source>Lines added: %L1, removed: %L2.</source>
        <translation>Lines added: %L1, removed: %L2.</translation>
    </message>
    <message>
        <source>%1 → %2: </source>
        <translation>%1 → %2: </translation>
    </message>
    <message>
        <source>⋯ unchanged lines: %L1 ⋯</source>
        <translation>⋯ unchanged lines: %L1 ⋯</translation>
    </message>
    <message>
        <source>added</source>
        <translation>added</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>(whole document)</source>
        <translation>(whole document)</translation>
    </message>
</context>
<context>
    <name>MqttPayloadFormat</name>
    <message>
        <source>Empty</source>
        <translation>Empty</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Binary</source>
        <translation>Binary</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
</context>
<context>
    <name>MqttPayloadView</name>
    <message>
        <source>Automatic</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>Automatic (%1)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>How the payload is shown</source>
        <translation>How the payload is shown</translation>
    </message>
    <message>
        <source>Wrap</source>
        <translation>Wrap</translation>
    </message>
    <message>
        <source>Wrap long lines</source>
        <translation>Wrap long lines</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the whole payload to the clipboard</source>
        <translation>Copy the whole payload to the clipboard</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>Save the payload&apos;s bytes to a file</source>
        <translation>Save the payload&apos;s bytes to a file</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>(empty payload)</source>
        <translation>(empty payload)</translation>
    </message>
    <message>
        <source>the SVG document could not be read</source>
        <translation>the SVG document could not be read</translation>
    </message>
    <message>
        <source>no image format recognised</source>
        <translation>no image format recognised</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>content type %1</source>
        <translation>content type %1</translation>
    </message>
    <message>
        <source>%1 image · %2 × %3 · %4</source>
        <translation>%1 image · %2 × %3 · %4</translation>
    </message>
    <message>
        <source>Could not decode the image (%1); shown as hex.</source>
        <translation>Could not decode the image (%1); shown as hex.</translation>
    </message>
    <message>
        <source>Not valid JSON (%1); shown as text.</source>
        <translation>Not valid JSON (%1); shown as text.</translation>
    </message>
    <message>
        <source>Preview shortened: the first %1 lines of the formatted JSON are shown (payload %2).</source>
        <translation>Preview shortened: the first %1 lines of the formatted JSON are shown (payload %2).</translation>
    </message>
    <message>
        <source>JSON · %1</source>
        <translation>JSON · %1</translation>
    </message>
    <message>
        <source>Preview shortened: showing the first %1 of %2.</source>
        <translation>Preview shortened: showing the first %1 of %2.</translation>
    </message>
    <message>
        <source>The payload is not valid UTF-8: invalid bytes are shown as �.</source>
        <translation>The payload is not valid UTF-8: invalid bytes are shown as �.</translation>
    </message>
    <message>
        <source>Text · %1</source>
        <translation>Text · %1</translation>
    </message>
    <message>
        <source>Preview shortened: showing the first %1 of %2 as hex.</source>
        <translation>Preview shortened: showing the first %1 of %2 as hex.</translation>
    </message>
    <message>
        <source>Binary · %1</source>
        <translation>Binary · %1</translation>
    </message>
    <message>
        <source>Empty payload</source>
        <translation>Empty payload</translation>
    </message>
    <message>
        <source>Save payload</source>
        <translation>Save payload</translation>
    </message>
    <message>
        <source>Could not save the payload to %1: %2</source>
        <translation>Could not save the payload to %1: %2</translation>
    </message>
</context>
<context>
    <name>MqttPropertiesView</name>
    <message>
        <source>Payload format indicator</source>
        <translation>Payload format indicator</translation>
    </message>
    <message>
        <source>Message expiry interval</source>
        <translation>Message expiry interval</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>Content type</translation>
    </message>
    <message>
        <source>Response topic</source>
        <translation>Response topic</translation>
    </message>
    <message>
        <source>Correlation data</source>
        <translation>Correlation data</translation>
    </message>
    <message>
        <source>Subscription identifier</source>
        <translation>Subscription identifier</translation>
    </message>
    <message>
        <source>Session expiry interval</source>
        <translation>Session expiry interval</translation>
    </message>
    <message>
        <source>Assigned client identifier</source>
        <translation>Assigned client identifier</translation>
    </message>
    <message>
        <source>Server keep alive</source>
        <translation>Server keep alive</translation>
    </message>
    <message>
        <source>Authentication method</source>
        <translation>Authentication method</translation>
    </message>
    <message>
        <source>Authentication data</source>
        <translation>Authentication data</translation>
    </message>
    <message>
        <source>Request problem information</source>
        <translation>Request problem information</translation>
    </message>
    <message>
        <source>Will delay interval</source>
        <translation>Will delay interval</translation>
    </message>
    <message>
        <source>Request response information</source>
        <translation>Request response information</translation>
    </message>
    <message>
        <source>Response information</source>
        <translation>Response information</translation>
    </message>
    <message>
        <source>Server reference</source>
        <translation>Server reference</translation>
    </message>
    <message>
        <source>Reason string</source>
        <translation>Reason string</translation>
    </message>
    <message>
        <source>Receive maximum</source>
        <translation>Receive maximum</translation>
    </message>
    <message>
        <source>Topic alias maximum</source>
        <translation>Topic alias maximum</translation>
    </message>
    <message>
        <source>Topic alias</source>
        <translation>Topic alias</translation>
    </message>
    <message>
        <source>Maximum QoS</source>
        <translation>Maximum QoS</translation>
    </message>
    <message>
        <source>Retain available</source>
        <translation>Retain available</translation>
    </message>
    <message>
        <source>User property</source>
        <translation>User property</translation>
    </message>
    <message>
        <source>Maximum packet size</source>
        <translation>Maximum packet size</translation>
    </message>
    <message>
        <source>Wildcard subscription available</source>
        <translation>Wildcard subscription available</translation>
    </message>
    <message>
        <source>Subscription identifier available</source>
        <translation>Subscription identifier available</translation>
    </message>
    <message>
        <source>Shared subscription available</source>
        <translation>Shared subscription available</translation>
    </message>
    <message>
        <source>Property 0x%1</source>
        <translation>Property 0x%1</translation>
    </message>
    <message>
        <source>hex: %1</source>
        <translation>hex: %1</translation>
    </message>
    <message>
        <source>%L1 s</source>
        <translation>%L1 s</translation>
    </message>
    <message>
        <source>1 (UTF-8 text)</source>
        <translation>1 (UTF-8 text)</translation>
    </message>
    <message>
        <source>%1 (unspecified bytes)</source>
        <translation>%1 (unspecified bytes)</translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 bytes</translation>
    </message>
    <message>
        <source>yes (1)</source>
        <translation>yes (1)</translation>
    </message>
    <message>
        <source>no (0)</source>
        <translation>no (0)</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Property</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>No MQTT 5 properties</source>
        <translation>No MQTT 5 properties</translation>
    </message>
    <message>
        <source>User properties</source>
        <translation>User properties</translation>
    </message>
</context>
<context>
    <name>MqttTopicFilterProxyModel</name>
    <message>
        <source>Not a valid MQTT topic filter: + and # must each fill a whole level, # may only be the last level, and the filter must be 1 to 65,535 UTF-8 bytes without U+0000.</source>
        <translation>Not a valid MQTT topic filter: + and # must each fill a whole level, # may only be the last level, and the filter must be 1 to 65,535 UTF-8 bytes without U+0000.</translation>
    </message>
</context>
<context>
    <name>MqttTopicTreeModel</name>
    <message>
        <source>(empty level)</source>
        <translation>(empty level)</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>Subtree messages</source>
        <translation>Subtree messages</translation>
    </message>
</context>
<context>
    <name>MqttValueChartView</name>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Value:</translation>
    </message>
    <message>
        <source>the payload itself, or a field such as sensors.temp</source>
        <translation>the payload itself, or a field such as sensors.temp</translation>
    </message>
    <message>
        <source>Which number to chart: empty for the payload itself, or a JSON field path such as sensors.temp, data[0].v or [&quot;a.b&quot;]</source>
        <translation>Which number to chart: empty for the payload itself, or a JSON field path such as sensors.temp, data[0].v or [&quot;a.b&quot;]</translation>
    </message>
    <message>
        <source>Invalid value path: %1</source>
        <translation>Invalid value path: %1</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>No messages yet.</translation>
    </message>
    <message>
        <source>points: %L1</source>
        <translation>points: %L1</translation>
    </message>
    <message>
        <source>min %1 · max %2 · last %3</source>
        <translation>min %1 · max %2 · last %3</translation>
    </message>
    <message>
        <source>without a number: %L1</source>
        <translation>without a number: %L1</translation>
    </message>
    <message>
        <source>latest: %1</source>
        <translation>latest: %1</translation>
    </message>
    <message>
        <source>the latest %L1 messages are drawn</source>
        <translation>the latest %L1 messages are drawn</translation>
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
        <translation>a bool</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>a number</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>a string</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>an array</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>an object</translation>
    </message>
    <message>
        <source>invalid value path: %1</source>
        <translation>invalid value path: %1</translation>
    </message>
    <message>
        <source>the payload is empty</source>
        <translation>the payload is empty</translation>
    </message>
    <message>
        <source>the payload is not a number</source>
        <translation>the payload is not a number</translation>
    </message>
    <message>
        <source>the payload is not JSON (%1)</source>
        <translation>the payload is not JSON (%1)</translation>
    </message>
    <message>
        <source>the payload has no field %1</source>
        <translation>the payload has no field %1</translation>
    </message>
    <message>
        <source>the payload is %1, not a number: choose a field</source>
        <translation>the payload is %1, not a number: choose a field</translation>
    </message>
    <message>
        <source>%1 is %2, not a number</source>
        <translation>%1 is %2, not a number</translation>
    </message>
</context>
<context>
    <name>PublishPanel</name>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>Not valid JSON: %1</translation>
    </message>
    <message>
        <source>Hex: a byte needs two digits (position %1).</source>
        <translation>Hex: a byte needs two digits (position %1).</translation>
    </message>
    <message>
        <source>Hex: &apos;%1&apos; at position %2 is not a hex digit.</source>
        <translation>Hex: &apos;%1&apos; at position %2 is not a hex digit.</translation>
    </message>
    <message>
        <source>Hex: odd number of digits (the last byte has one digit).</source>
        <translation>Hex: odd number of digits (the last byte has one digit).</translation>
    </message>
    <message>
        <source>Choose a file to publish.</source>
        <translation>Choose a file to publish.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is larger than MQTT allows (256 MiB).</source>
        <translation>%1 is larger than MQTT allows (256 MiB).</translation>
    </message>
    <message>
        <source>Publish a file</source>
        <translation>Publish a file</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Topic:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Content t&amp;ype:</source>
        <translation>Content t&amp;ype:</translation>
    </message>
    <message>
        <source>Response to&amp;pic:</source>
        <translation>Response to&amp;pic:</translation>
    </message>
    <message>
        <source>Co&amp;rrelation data:</source>
        <translation>Co&amp;rrelation data:</translation>
    </message>
    <message>
        <source>Message e&amp;xpiry:</source>
        <translation>Message e&amp;xpiry:</translation>
    </message>
    <message>
        <source>&amp;User properties:</source>
        <translation>&amp;User properties:</translation>
    </message>
    <message>
        <source>Topic to publish to, e.g. home/kitchen/light</source>
        <translation>Topic to publish to, e.g. home/kitchen/light</translation>
    </message>
    <message>
        <source>&amp;Retain</source>
        <translation>&amp;Retain</translation>
    </message>
    <message>
        <source>The broker keeps the message and sends it to future subscribers</source>
        <translation>The broker keeps the message and sends it to future subscribers</translation>
    </message>
    <message>
        <source>Text (UTF-8)</source>
        <translation>Text (UTF-8)</translation>
    </message>
    <message>
        <source>JSON (checked before sending)</source>
        <translation>JSON (checked before sending)</translation>
    </message>
    <message>
        <source>Hex bytes</source>
        <translation>Hex bytes</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Format JSON</source>
        <translation>Format JSON</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
    <message>
        <source>File whose bytes are the payload</source>
        <translation>File whose bytes are the payload</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>MQTT 5 properties</source>
        <translation>MQTT 5 properties</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>none (text, sent as bytes)</source>
        <translation>none (text, sent as bytes)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Payload is UTF-8 text</source>
        <translation>Payload is UTF-8 text</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Add a user property</source>
        <translation>Add a user property</translation>
    </message>
    <message>
        <source>Remove the selected user property</source>
        <translation>Remove the selected user property</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publish</translation>
    </message>
    <message>
        <source>Publish (Ctrl+Return)</source>
        <translation>Publish (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Sent (double-click to edit again):</source>
        <translation>Sent (double-click to edit again):</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>MQTT 5 properties need an MQTT 5 connection</source>
        <translation>MQTT 5 properties need an MQTT 5 connection</translation>
    </message>
    <message>
        <source>The content type is too long.</source>
        <translation>The content type is too long.</translation>
    </message>
    <message>
        <source>The response topic &quot;%1&quot; is not a valid topic name.</source>
        <translation>The response topic &quot;%1&quot; is not a valid topic name.</translation>
    </message>
    <message>
        <source>The correlation data is too long.</source>
        <translation>The correlation data is too long.</translation>
    </message>
    <message>
        <source>User property %1 is too long.</source>
        <translation>User property %1 is too long.</translation>
    </message>
    <message>
        <source>Enter a topic to publish to.</source>
        <translation>Enter a topic to publish to.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid topic name (no + or #, not empty).</source>
        <translation>&quot;%1&quot; is not a valid topic name (no + or #, not empty).</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>refused: %1</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>Not published: %1</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>sending</translation>
    </message>
    <message>
        <source>waiting for the broker</source>
        <translation>waiting for the broker</translation>
    </message>
    <message>
        <source>Published %1 to %2.</source>
        <translation>Published %1 to %2.</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>failed: %1</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acknowledged</translation>
    </message>
    <message>
        <source>The message to %1 failed: %2</source>
        <translation>The message to %1 failed: %2</translation>
    </message>
    <message>
        <source> R</source>
        <translation> R</translation>
    </message>
    <message>
        <source>Restored the message sent at %1.</source>
        <translation>Restored the message sent at %1.</translation>
    </message>
    <message>
        <source>(%1 characters, too long to keep)</source>
        <translation>(%1 characters, too long to keep)</translation>
    </message>
</context>
<context>
    <name>RetainedCleaner</name>
    <message>
        <source>No connection to the broker within %1 seconds.</source>
        <translation>No connection to the broker within %1 seconds.</translation>
    </message>
    <message>
        <source>The broker refused the connection: %1</source>
        <translation>The broker refused the connection: %1</translation>
    </message>
    <message>
        <source>The broker refused the subscription to %1: %2</source>
        <translation>The broker refused the subscription to %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The retained messages were not looked up first.</source>
        <translation>The retained messages were not looked up first.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the keychain is turned off (MQTT_INSPECTOR_NO_KEYCHAIN is set)</source>
        <translation>the keychain is turned off (MQTT_INSPECTOR_NO_KEYCHAIN is set)</translation>
    </message>
    <message>
        <source>no D-Bus session bus, so no Secret Service or KWallet keychain can be reached</source>
        <translation>no D-Bus session bus, so no Secret Service or KWallet keychain can be reached</translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 seconds</source>
        <translation>the keychain did not answer within %1 seconds</translation>
    </message>
    <message>
        <source>no keychain backend is available</source>
        <translation>no keychain backend is available</translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation>the keychain did not answer</translation>
    </message>
    <message>
        <source>not saved: %1</source>
        <translation>not saved: %1</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>no keychain</translation>
    </message>
</context>
<context>
    <name>SubscriptionsPanel</name>
    <message>
        <source>QoS 0 (at most once)</source>
        <translation>QoS 0 (at most once)</translation>
    </message>
    <message>
        <source>QoS 1 (at least once)</source>
        <translation>QoS 1 (at least once)</translation>
    </message>
    <message>
        <source>QoS 2 (exactly once)</source>
        <translation>QoS 2 (exactly once)</translation>
    </message>
    <message>
        <source>Topic filter, e.g. home/+/temperature or #</source>
        <translation>Topic filter, e.g. home/+/temperature or #</translation>
    </message>
    <message>
        <source>An MQTT topic filter: + matches one level, # everything below</source>
        <translation>An MQTT topic filter: + matches one level, # everything below</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>Subscribe</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>Unsubscribe</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>QoS</source>
        <translation>QoS</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid topic filter: + and # must fill a whole level, # only at the end.</source>
        <translation>&quot;%1&quot; is not a valid topic filter: + and # must fill a whole level, # only at the end.</translation>
    </message>
    <message>
        <source>Already subscribed to %1.</source>
        <translation>Already subscribed to %1.</translation>
    </message>
    <message>
        <source>not active (waiting for a connection or the broker&apos;s answer)</source>
        <translation>not active (waiting for a connection or the broker&apos;s answer)</translation>
    </message>
    <message>
        <source>granted QoS %1</source>
        <translation>granted QoS %1</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>refused: %1</translation>
    </message>
</context>
<context>
    <name>TopicDetails</name>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Value</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>&amp;Diff</source>
        <translation>&amp;Diff</translation>
    </message>
    <message>
        <source>C&amp;hart</source>
        <translation>C&amp;hart</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>P&amp;roperties</translation>
    </message>
    <message>
        <source>Copy the topic</source>
        <translation>Copy the topic</translation>
    </message>
    <message>
        <source>Publish to this topic</source>
        <translation>Publish to this topic</translation>
    </message>
    <message>
        <source>Clear the retained messages of this topic and below…</source>
        <translation>Clear the retained messages of this topic and below…</translation>
    </message>
    <message>
        <source>Show the latest</source>
        <translation>Show the latest</translation>
    </message>
    <message>
        <source>No topic selected</source>
        <translation>No topic selected</translation>
    </message>
    <message>
        <source>Select a topic in the tree to see its messages.</source>
        <translation>Select a topic in the tree to see its messages.</translation>
    </message>
    <message>
        <source>QoS %1</source>
        <translation>QoS %1</translation>
    </message>
    <message>
        <source>retained</source>
        <translation>retained</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%L1 skipped under overflow</source>
        <translation>%L1 skipped under overflow</translation>
    </message>
    <message>
        <source>&amp;History (%L1)</source>
        <translation>&amp;History (%L1)</translation>
    </message>
    <message>
        <source>Showing the message of %1 (%L2 of %L3).</source>
        <translation>Showing the message of %1 (%L2 of %L3).</translation>
    </message>
    <message>
        <source>No message on this topic yet.</source>
        <translation>No message on this topic yet.</translation>
    </message>
    <message>
        <source>P&amp;roperties (%L1)</source>
        <translation>P&amp;roperties (%L1)</translation>
    </message>
    <message>
        <source>No earlier message of this topic is in the history to compare with.</source>
        <translation>No earlier message of this topic is in the history to compare with.</translation>
    </message>
    <message numerus="yes">
        <source>No message on exactly this topic; %Ln topic(s) below it.</source>
        <translation>
            <numerusform>No message on exactly this topic; %Ln topic below it.</numerusform>
            <numerusform>No message on exactly this topic; %Ln topics below it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln MQTT 5 property(s)</source>
        <translation>
            <numerusform>%Ln MQTT 5 property</numerusform>
            <numerusform>%Ln MQTT 5 properties</numerusform>
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
        <translation>mqtt-inspector: no display is available ($DISPLAY and $WAYLAND_DISPLAY are not set).
Run it in a desktop session, or on a headless machine with a virtual display:
    xvfb-run -a mqtt-inspector [options]
or without a window at all: QT_QPA_PLATFORM=offscreen mqtt-inspector [options]</translation>
    </message>
    <message>
        <source>MQTT Inspector</source>
        <translation>MQTT Inspector</translation>
    </message>
    <message>
        <source>Explore an MQTT broker: topics, values, history, diffs, charts.</source>
        <translation>Explore an MQTT broker: topics, values, history, diffs, charts.</translation>
    </message>
    <message>
        <source>Connect at start to URL (mqtt://, mqtts://, ws://, wss://) with a profile that is not saved.</source>
        <translation>Connect at start to URL (mqtt://, mqtts://, ws://, wss://) with a profile that is not saved.</translation>
    </message>
    <message>
        <source>Name of that profile.</source>
        <translation>Name of that profile.</translation>
    </message>
    <message>
        <source>Subscribe to filter (repeatable; default #).</source>
        <translation>Subscribe to filter (repeatable; default #).</translation>
    </message>
    <message>
        <source>User interface language: en or zh_CN.</source>
        <translation>User interface language: en or zh_CN.</translation>
    </message>
    <message>
        <source>system, light or dark.</source>
        <translation>system, light or dark.</translation>
    </message>
    <message>
        <source>Messages kept per topic (default 1000).</source>
        <translation>Messages kept per topic (default 1000).</translation>
    </message>
    <message>
        <source>Messages kept in all (default 100000).</source>
        <translation>Messages kept in all (default 100000).</translation>
    </message>
    <message>
        <source>Payload MiB kept in all (default 64).</source>
        <translation>Payload MiB kept in all (default 64).</translation>
    </message>
    <message>
        <source>Select topic once it arrives.</source>
        <translation>Select topic once it arrives.</translation>
    </message>
    <message>
        <source>Details tab to show: value, history, diff, chart or properties.</source>
        <translation>Details tab to show: value, history, diff, chart or properties.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x800.</source>
        <translation>Window size, e.g. 1280x800.</translation>
    </message>
    <message>
        <source>Save a picture of the window to file (after --screenshot-delay).</source>
        <translation>Save a picture of the window to file (after --screenshot-delay).</translation>
    </message>
    <message>
        <source>Milliseconds before the screenshot (default 5000).</source>
        <translation>Milliseconds before the screenshot (default 5000).</translation>
    </message>
    <message>
        <source>Quit after seconds.</source>
        <translation>Quit after seconds.</translation>
    </message>
    <message>
        <source>Measure the GUI thread&apos;s event-loop latency and write a JSON report to file on quitting.</source>
        <translation>Measure the GUI thread&apos;s event-loop latency and write a JSON report to file on quitting.</translation>
    </message>
    <message>
        <source>mqtt-inspector: cannot write %1</source>
        <translation>mqtt-inspector: cannot write %1</translation>
    </message>
    <message>
        <source>mqtt-inspector: cannot save the screenshot to %1</source>
        <translation>mqtt-inspector: cannot save the screenshot to %1</translation>
    </message>
</context>
</TS>
