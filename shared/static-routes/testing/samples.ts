/** StaticRoutes.xml samples with everything a real file may hold that we do not edit. */
export const FULL_SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Maintained by the plant's automation team: do not remove this comment -->
<TcConfig xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bk='urn:beckhoff:custom' xsi:noNamespaceSchemaLocation="TcConfig.xsd">
  <Local>
    <Name>IPC-LINE-4</Name>
  </Local>
  <RemoteConnections>
    <!-- engineering laptops -->
    <Route>
      <Name>ENG-LAPTOP</Name>
      <Address>192.168.10.20</Address>
      <NetId>192.168.10.20.1.1</NetId>
      <Type>TCP_IP</Type>
      <Flags>32</Flags>
    </Route>
    <Route Unidirectional="true">
      <Name>CX-123456</Name>
      <Address>CX-123456</Address>
      <NetId>5.36.69.176.1.1</NetId>
      <Type>TCP_IP</Type>
      <Flags>128</Flags>
      <Tls><FingerPrint>AB:CD</FingerPrint></Tls>
      <SubRoutes>
        <SubRoute><Name>EL6695</Name><NetId>5.36.69.177.1.1</NetId></SubRoute>
      </SubRoutes>
    </Route>
    <Mqtt>
      <Address Port="8883">broker.plant.local</Address>
      <Topic>VirtualAmsNetwork1</Topic>
      <Tls><Ca>C:\\TwinCAT\\3.1\\Target\\Certs\\broker-ca.pem</Ca></Tls>
    </Mqtt>
    <bk:Audit changed="2026-01-02" by='J. O&apos;Neill &amp; co'/>
    <Server>
      <Tls IgnoreCn="true">
        <Ca>C:\\TwinCAT\\3.1\\Target\\CACerts\\rootCA.pem</Ca>
        <Cert>C:\\TwinCAT\\3.1\\Target\\CACerts\\ipc.crt</Cert>
        <Key>C:\\TwinCAT\\3.1\\Target\\CACerts\\ipc.key</Key>
        <KeyPwd>k3y-pa55</KeyPwd>
      </Tls>
      <Tls>
        <Psk><Identity>MY_IDENTITY</Identity><Pwd>MySecret</Pwd></Psk>
        <Psk><Identity>MAINT_ANNA</Identity><Pwd><![CDATA[a<b&c]]></Pwd></Psk>
      </Tls>
      <Unknown attr="1">kept &#x263A; as written</Unknown>
    </Server>
  </RemoteConnections>
  <?tc-tool keep="this"?>
</TcConfig>
`;

/** Windows line ends, tabs, no server section, SecureOnly with odd casing. */
export const CRLF_TABS_SAMPLE = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<TcConfig xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
  '\t<RemoteConnections SecureOnly="False">',
  '\t\t<Route>',
  '\t\t\t<Name>PLC1</Name>',
  '\t\t\t<Address>10.0.0.5</Address>',
  '\t\t\t<NetId>10.0.0.5.1.1</NetId>',
  '\t\t\t<Type>TCP_IP</Type>',
  '\t\t</Route>',
  '\t</RemoteConnections>',
  '</TcConfig>',
  '',
].join('\r\n');

/** A bare file as a fresh TwinCAT has it. */
export const MINIMAL_SAMPLE = '<TcConfig><RemoteConnections/></TcConfig>';
