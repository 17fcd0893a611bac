package io.redoubt.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module table of ARCHITECTURE.md, checked on the compiled production classes: each module's
 * classes may use only the JDK, the Redoubt modules below it and the libraries it owns or shares.
 * Dependencies on artifacts are checked by the Maven Enforcer rules in each pom; this test also sees
 * what the poms cannot: a fully qualified name, a class reached through another module's jar, Netty
 * in a module that gets it only transitively. A new module or library gets a row here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LayeringTest {
    private static final String[] JDK = {"java..", "javax.."};

    private JavaClasses production;

    /** A module (its package) and what its classes may depend on besides the JDK and itself. */
    record Module(String name, String... mayUse) {
        String pkg() {
            return "io.redoubt." + name + "..";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Module> modules() {
        return Stream.of(
                new Module("resp", "io.netty.buffer..", "io.netty.util.."),
                new Module("engine", "io.redoubt.resp..", "org.slf4j.."),
                new Module("acl", "io.redoubt.engine..", "io.redoubt.resp..", "org.slf4j.."),
                new Module("security", "io.netty..", "org.bouncycastle..", "com.nimbusds..", "org.slf4j.."),
                new Module("persistence", "io.redoubt.engine..", "io.redoubt.resp..", "org.slf4j.."),
                new Module("audit", "io.redoubt.security..", "org.slf4j.."),
                new Module("scripting", "io.redoubt.engine..", "io.redoubt.resp..", "org.slf4j.."),
                new Module("dataplane", "io.redoubt.resp..", "io.redoubt.engine..", "io.redoubt.acl..",
                        "io.redoubt.scripting..", "io.redoubt.security..", "io.redoubt.persistence..", "io.netty..", "org.slf4j.."),
                // replication reaches the endpoint's sessions through dataplane, never Netty itself
                new Module("replication", "io.redoubt.resp..", "io.redoubt.engine..", "io.redoubt.persistence..",
                        "io.redoubt.security..", "io.redoubt.dataplane..", "org.slf4j.."),
                // admin-api is the REST contract shared by the server, the console and the CLI: records only
                new Module("admin.api", "com.fasterxml.jackson.annotation.."),
                // cluster-api is the JDK only, so that every module above can use its records and port
                new Module("cluster.api"),
                // cluster: the only user of Apache Ratis; Jackson's tree model writes its stored formats
                new Module("cluster", "io.redoubt.cluster.api..", "org.apache.ratis..", "com.fasterxml.jackson..",
                        "org.slf4j.."),
                // admin-web: the REST API's HTTP layer, the only user of Javalin and Jetty (the admin row is below:
                // its package is a parent of admin.api and admin.web)
                new Module("admin.web", "io.redoubt.admin", "io.redoubt.admin.api..", "io.redoubt.cluster.api..",
                        "io.redoubt.security..", "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                        "com.fasterxml.jackson..", "kotlin..", "org.slf4j.."),
                // backup: the storage SDKs' only user; persistence (RDB, trial restore), security (Secret), Jackson
                // (manifests); never Netty, a keyspace, dataplane or node
                new Module("backup", "io.redoubt.persistence..", "io.redoubt.security", "com.fasterxml.jackson..",
                        "org.apache.commons.net..", "org.apache.sshd..", "software.amazon.awssdk..", "com.azure..",
                        "com.google.cloud..", "com.google.auth..", "com.google.api.gax..", "org.slf4j.."),
                // client-encryption ships to applications: no Redoubt module, only its crypto and the clients
                new Module("cse", "org.bouncycastle..", "redis.clients..", "io.lettuce.."));
    }

    @BeforeAll
    void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.redoubt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleUsesOnlyWhatItMay(Module m) {
        List<String> allowed = new ArrayList<>(List.of(JDK));
        allowed.add(m.pkg());
        allowed.addAll(List.of(m.mayUse()));
        classes().that().resideInAPackage(m.pkg())
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(new String[0]))
                .because("ARCHITECTURE.md's module table says what " + m.name() + " may import")
                .check(production);
    }

    /**
     * admin: the control-plane services and the decision point, over the store's port (cluster-api), never
     * its implementation, the data plane, the node or an HTTP library. Its package is checked alone
     * (admin.api and admin.web below it have rows of their own); the acl parser takes engine's command table.
     */
    @Test
    void adminUsesOnlyWhatItMayAndOnlyAdminWebUsesJavalinOrJetty() {
        classes().that().resideInAPackage("io.redoubt.admin")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "com.sun.management..",
                        "io.redoubt.admin", "io.redoubt.admin.api..", "io.redoubt.cluster.api..",
                        "io.redoubt.security.password..", "io.redoubt.security.certificate..",
                        "io.redoubt.security.sealing..", "io.redoubt.security.token..", "io.redoubt.security",
                        "io.redoubt.acl..", "io.redoubt.engine.command..", "io.redoubt.audit..", "org.slf4j..")
                .because("ARCHITECTURE.md's module table says what admin may import")
                .check(production);
        noClasses().that().resideOutsideOfPackage("io.redoubt.admin.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .because("admin-web is the only user of Javalin and Jetty")
                .check(production);
    }

    /** The control plane's security primitives: no Netty (the admin modules may not have it), JWTs in one place. */
    @Test
    void controlPlaneSecurityIsFreeOfNettyAndKeepsJwtInOnePackage() {
        noClasses().that().resideInAnyPackage("io.redoubt.security.password..", "io.redoubt.security.certificate..",
                        "io.redoubt.security.sealing..", "io.redoubt.security.token..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("admin and cluster use these and must not reach Netty (ARCHITECTURE.md)")
                .check(production);
        noClasses().that().resideOutsideOfPackage("io.redoubt.security.token..")
                .should().dependOnClassesThat().resideInAPackage("com.nimbusds..")
                .because("io.redoubt.security.token is nimbus-jose-jwt's only user")
                .check(production);
    }

    @Test
    void nothingButTestsUsesTheNodeOrTheTestkit() {
        noClasses().that().resideOutsideOfPackages("io.redoubt.node..", "io.redoubt.testkit..")
                .should().dependOnClassesThat().resideInAPackage("io.redoubt.node..")
                .because("only the node wires implementations together; lower modules never import it")
                .check(production);
        noClasses().that().resideOutsideOfPackage("io.redoubt.testkit..")
                .should().dependOnClassesThat().resideInAPackage("io.redoubt.testkit..")
                .check(production);
    }
}
