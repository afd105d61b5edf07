package io.tanhe.drivers.peers;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real OPC UA server (Eclipse Milo server SDK) on 127.0.0.1 with one namespace of Double
 * variables whose values tests set. Security policy None only; anonymous access.
 */
public final class MiloServer implements AutoCloseable {
    public static final String NAMESPACE = "urn:tanhe:test:meters";

    private final int port;
    private final Path pki;
    private final List<String> variables;
    private OpcUaServer server;
    private Meters meters;

    private MiloServer(int port, Path pki, List<String> variables) {
        this.port = port;
        this.pki = pki;
        this.variables = variables;
    }

    /** Starts a server with the given string-id variables (initially 0.0) on a free port. */
    public static MiloServer start(Path pki, List<String> variables) throws Exception {
        MiloServer s = new MiloServer(FreePort.pick(), pki, List.copyOf(variables));
        s.startServer();
        return s;
    }

    public String endpointUrl() {
        return "opc.tcp://127.0.0.1:" + port + "/meters";
    }

    /** The parseable node id of a variable, e.g. {@code ns=2;s=boiler.energy}. */
    public String nodeId(String variable) {
        return meters.node(variable).getNodeId().toParseableString();
    }

    /** Sets a variable's value, status and source timestamp, as a device would. */
    public void set(String variable, DataValue value) {
        meters.node(variable).setValue(value);
    }

    /** Stops the server (sessions and subscriptions are lost) and starts a fresh one on the same port. */
    public void restart() throws Exception {
        stop();
        startServer();
    }

    public void stop() throws Exception {
        if (server != null) {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server = null;
        }
    }

    private void startServer() throws Exception {
        KeyPair keys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        String applicationUri = "urn:tanhe:test:server";
        X509Certificate certificate = new SelfSignedCertificateBuilder(keys)
                .setCommonName("tanhe test server").setApplicationUri(applicationUri).build();
        DefaultTrustListManager trust = new DefaultTrustListManager(pki.toFile());
        EndpointConfiguration endpoint = EndpointConfiguration.newBuilder()
                .setBindAddress("127.0.0.1").setHostname("127.0.0.1").setBindPort(port).setPath("/meters")
                .setCertificate(certificate)
                .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
                .build();
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(applicationUri)
                .setApplicationName(LocalizedText.english("Tanhe test meters"))
                .setProductUri("urn:tanhe:test")
                .setEndpoints(Set.of(endpoint))
                .setCertificateManager(new DefaultCertificateManager(keys, certificate))
                .setTrustListManager(trust)
                .setCertificateValidator(new DefaultServerCertificateValidator(trust))
                .build();
        server = new OpcUaServer(config);
        meters = new Meters(server, variables);
        meters.startup();
        server.startup().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private static final class Meters extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel subscriptions;
        private final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();

        Meters(OpcUaServer server, List<String> variables) {
            super(server, NAMESPACE);
            subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager().addStartupTask(() -> variables.forEach(this::add));
        }

        private void add(String name) {
            UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                    .setNodeId(newNodeId(name))
                    .setBrowseName(newQualifiedName(name))
                    .setDisplayName(LocalizedText.english(name))
                    .setDataType(Identifiers.Double)
                    .setTypeDefinition(Identifiers.BaseDataVariableType)
                    .setAccessLevel(AccessLevel.READ_ONLY)
                    .setUserAccessLevel(AccessLevel.READ_ONLY)
                    .build();
            node.setValue(new DataValue(new org.eclipse.milo.opcua.stack.core.types.builtin.Variant(0.0)));
            getNodeManager().addNode(node);
            nodes.put(name, node);
        }

        UaVariableNode node(String name) {
            return nodes.get(name);
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) {
            subscriptions.onDataItemsCreated(items);
        }

        @Override
        public void onDataItemsModified(List<DataItem> items) {
            subscriptions.onDataItemsModified(items);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) {
            subscriptions.onDataItemsDeleted(items);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) {
            subscriptions.onMonitoringModeChanged(items);
        }
    }
}
