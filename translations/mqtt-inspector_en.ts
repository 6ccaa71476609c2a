<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ClientController</name>
    <message>
        <source>The broker refused the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP (mqtt://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (mqtts://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket (ws://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure WebSocket (wss://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket &amp;path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generated for each connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a clean session (no session kept by the broker)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep alive:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA certificates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (no mutual TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client c&amp;ertificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only for an encrypted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the broker&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the certificate names the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turning verification off encrypts without authenticating the broker: anyone on the path could read along.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a last will</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Payload:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;QoS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (ends with the connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session &amp;expiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent (65,535)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Receive maximum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent (no limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Maximum packet size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic alias maximum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request response information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request problem information (reason strings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User properties:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect automatically after a lost or failed connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First &amp;delay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Longest delay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delay doubles after each failed attempt, up to the longest delay. Refused credentials are not retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and &amp;connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords are kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available (%1): passwords are kept only until the inspector closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the password from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another profile is already named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a profile first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>The host is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port %1 is outside 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keep alive %1 is outside 0 to 65535 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The WebSocket path must start with &apos;/&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A persistent session (clean session off) needs a client id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The will topic &quot;%1&quot; is not a valid topic name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reconnect delays must satisfy 1 ≤ minimum ≤ maximum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subscription &quot;%1&quot; is not a valid topic filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client certificate is set but the transport does not use TLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported URL scheme &quot;%1&quot;: use mqtt://, mqtts://, ws:// or wss://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; names no host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A connect property is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Connection to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain: passwords are kept only while the inspector runs (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About MQTT Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;MQTT Inspector %1&lt;/h3&gt;&lt;p&gt;Explore MQTT brokers: topics, values, history, diffs and charts, publishing and retained messages. MQTT 3.1, 3.1.1 and 5.0 over TCP, TLS and WebSockets.&lt;/p&gt;&lt;p&gt;Built with MqttQt and Qt %2.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the selected broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect from the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection &amp;profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the connection profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the view; messages keep arriving and are applied on resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget every topic and message shown (nothing changes on the broker)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find topics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the message in the publish panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish to this &amp;topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove from view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the topic and its subtree from the view (not from the broker)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp;retained messages here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the retained messages of this topic and every topic below it on the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp;all retained messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every retained message on the broker (that this connection may see)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sort topics by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Highlight changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History &amp;limits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle &amp;dark theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About MQTT Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the c&amp;hart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the p&amp;roperties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search topics (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic filter (+, #)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic or value contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the search text is matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show p&amp;ublish panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No topics yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Choose a connection profile and press &lt;b&gt;Connect&lt;/b&gt; (F5). Topics appear here as messages arrive from your subscriptions (by default everything: &lt;tt&gt;#&lt;/tt&gt;).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1 at %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(No password is saved in the keychain for this profile.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(The keychain could not be read: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(No keychain is available: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no connection profile named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand all below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse all below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to reconnect to %1: attempt %2 in %3 s (at %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1 msgs, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages and payload bytes received on this connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages received and not yet applied to the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped from history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 evicted by the history limits (%2 messages, %3 per topic, %4), %5 skipped while the view could not keep up (the latest message of every topic is always kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAUSED (%1 waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT Inspector — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in all:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload bytes in all:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The oldest messages leave first; the latest message of every topic is always kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear retained messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the whole broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>under &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %L1 retained messages %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty retained message is published to each topic, so the broker forgets its retained message. Subscribers see the empty messages. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %L1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete retained messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a broker before clearing retained messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for retained messages under %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not clear retained messages: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No retained messages under %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting %L1 retained messages under %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %L1 retained messages under %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 failed (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 are still retained (the broker may not allow deleting them).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttJson</name>
    <message>
        <source>the text is not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no JSON value (empty text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected text after the JSON value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control character inside a string (must be escaped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete \u escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid \u escape (four hex digits expected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid escape sequence in a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid number (leading zero)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid number (digits expected after the decimal point)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid number (digits expected in the exponent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nested more than %1 levels deep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a member name in quotes expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;:&apos; expected after a member name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;}&apos; expected in an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;]&apos; expected in an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected character (a JSON value expected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unterminated quoted key at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array index in [ ] expected at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>array index too large at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty key at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path ends with &apos;.&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;.&apos; or &apos;[&apos; expected at character %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttMessageHistoryModel</name>
    <message>
        <source>retained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QoS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped before</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttPayloadDiff</name>
    <message>
        <source>The old payload is not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new payload is not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttPayloadDiffView</name>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the two payloads are compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first %1 of each payload are compared (old %2, new %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first %L1 changes are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Showing a line diff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON documents are equal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys added: %L1, removed: %L2, changed: %L3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than 1,000 lines differ: the texts are shown as replaced, not line by line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payloads are equal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines added: %L1, removed: %L2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⋯ unchanged lines: %L1 ⋯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(whole document)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttPayloadFormat</name>
    <message>
        <source>Empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttPayloadView</name>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the payload is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap long lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the whole payload to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the payload&apos;s bytes to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty payload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SVG document could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no image format recognised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 image · %2 × %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not decode the image (%1); shown as hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON (%1); shown as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview shortened: the first %1 lines of the formatted JSON are shown (payload %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview shortened: showing the first %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload is not valid UTF-8: invalid bytes are shown as �.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview shortened: showing the first %1 of %2 as hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the payload to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttPropertiesView</name>
    <message>
        <source>Payload format indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message expiry interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session expiry interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned client identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server keep alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request problem information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will delay interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request response information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic alias maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum QoS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retain available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum packet size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wildcard subscription available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription identifier available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared subscription available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property 0x%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hex: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 (UTF-8 text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (unspecified bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MQTT 5 properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User properties</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttTopicFilterProxyModel</name>
    <message>
        <source>Not a valid MQTT topic filter: + and # must each fill a whole level, # may only be the last level, and the filter must be 1 to 65,535 UTF-8 bytes without U+0000.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttTopicTreeModel</name>
    <message>
        <source>(empty level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtree messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttValueChartView</name>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payload itself, or a field such as sensors.temp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which number to chart: empty for the payload itself, or a JSON field path such as sensors.temp, data[0].v or [&quot;a.b&quot;]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid value path: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points: %L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min %1 · max %2 · last %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without a number: %L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latest: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the latest %L1 messages are drawn</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MqttValueExtractor</name>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a bool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid value path: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payload is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payload is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payload is not JSON (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payload has no field %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payload is %1, not a number: choose a field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2, not a number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishPanel</name>
    <message>
        <source>Not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex: a byte needs two digits (position %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex: &apos;%1&apos; at position %2 is not a hex digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex: odd number of digits (the last byte has one digit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file to publish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than MQTT allows (256 MiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content t&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response to&amp;pic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;rrelation data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message e&amp;xpiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User properties:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic to publish to, e.g. home/kitchen/light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker keeps the message and sends it to future subscribers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (UTF-8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (checked before sending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File whose bytes are the payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT 5 properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (text, sent as bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload is UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a user property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected user property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent (double-click to edit again):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QoS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT 5 properties need an MQTT 5 connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content type is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response topic &quot;%1&quot; is not a valid topic name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The correlation data is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User property %1 is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a topic to publish to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid topic name (no + or #, not empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored the message sent at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 characters, too long to keep)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetainedCleaner</name>
    <message>
        <source>No connection to the broker within %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker refused the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker refused the subscription to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The retained messages were not looked up first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the keychain is turned off (MQTT_INSPECTOR_NO_KEYCHAIN is set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no D-Bus session bus, so no Secret Service or KWallet keychain can be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain backend is available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubscriptionsPanel</name>
    <message>
        <source>QoS 0 (at most once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QoS 1 (at least once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QoS 2 (exactly once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic filter, e.g. home/+/temperature or #</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An MQTT topic filter: + matches one level, # everything below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QoS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid topic filter: + and # must fill a whole level, # only at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already subscribed to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not active (waiting for a connection or the broker&apos;s answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>granted QoS %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicDetails</name>
    <message>
        <source>&amp;Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish to this topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the retained messages of this topic and below…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topic selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a topic in the tree to see its messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message on exactly this topic; %L1 topics below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QoS %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 skipped under overflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 MQTT 5 properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History (%L1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the message of %1 (%L2 of %L3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message on this topic yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;roperties (%L1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No earlier message of this topic is in the history to compare with.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>mqtt-inspector: no display is available ($DISPLAY and $WAYLAND_DISPLAY are not set).
Run it in a desktop session, or on a headless machine with a virtual display:
    xvfb-run -a mqtt-inspector [options]
or without a window at all: QT_QPA_PLATFORM=offscreen mqtt-inspector [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore an MQTT broker: topics, values, history, diffs, charts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect at start to URL (mqtt://, mqtts://, ws://, wss://) with a profile that is not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of that profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe to filter (repeatable; default #).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: en or zh_CN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system, light or dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages kept per topic (default 1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages kept in all (default 100000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload MiB kept in all (default 64).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select topic once it arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details tab to show: value, history, diff, chart or properties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x800.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of the window to file (after --screenshot-delay).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds before the screenshot (default 5000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit after seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure the GUI thread&apos;s event-loop latency and write a JSON report to file on quitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mqtt-inspector: cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mqtt-inspector: cannot save the screenshot to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
