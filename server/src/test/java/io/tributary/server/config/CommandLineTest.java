package io.tributary.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    @Test
    void defaultsMatchTheDemo() {
        ServerConfig c = CommandLine.parse(List.of());
        assertEquals("127.0.0.1", c.host());
        assertEquals(4443, c.port());
        assertEquals(44444, c.rtcPort());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.workers());
        assertNull(c.announcedIp());
        assertEquals("127.0.0.1", c.effectiveAnnouncedIp());
    }

    @Test
    void acceptsBothSpellingsOfEveryOption() {
        ServerConfig c = CommandLine.parse(List.of("--host", "0.0.0.0", "--port=8443", "--rtc-port", "50000",
                "--workers=3", "--announced-ip", "media.example.org"));
        assertEquals(new ServerConfig("0.0.0.0", 8443, 50000, 3, "media.example.org"), c);
        assertEquals(50002, c.rtcPortOf(2));
        assertEquals("media.example.org", c.effectiveAnnouncedIp());
    }

    @Test
    void acceptsIpv6Host() {
        assertEquals("0:0:0:0:0:0:0:1", CommandLine.parse(List.of("--host", "::1")).host());
    }

    @Test
    void tlsOptions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals(new ServerConfig.TlsConfig(null, null, true), CommandLine.parse(List.of("--tls-self-signed")).tls());
        assertEquals("https", CommandLine.parse(List.of("--tls-self-signed")).scheme());
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("c.pem"), "x");
        java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("k.pem"), "x");
        assertEquals(new ServerConfig.TlsConfig(cert.toString(), key.toString(), false),
                CommandLine.parse(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString())).tls());
        UsageException alone = assertThrows(UsageException.class,
                () -> CommandLine.parse(List.of("--tls-cert", cert.toString())));
        assertEquals("--tls-cert and --tls-key must be given together", alone.getMessage());
        UsageException missing = assertThrows(UsageException.class,
                () -> CommandLine.parse(List.of("--tls-key", "/no/such.pem")));
        assertEquals("invalid --tls-key '/no/such.pem': not a readable file", missing.getMessage());
    }

    @Test
    void clusterOptions() {
        ClusterConfig node = CommandLine.parse(List.of("--role", "node", "--redis", "redis://127.0.0.1:6379",
                "--region", "eu-west", "--labels", "pool=acme,tier=gold", "--node-id", "n1", "--capacity=50",
                "--internal-port", "7000", "--drain-timeout", "5", "--pools", "acme=gold",
                "--cluster-secret", "0123456789abcdef", "--room-node-cap", "2", "--router-consumer-budget", "40",
                "--region-cidrs", "10.0.0.0/8=eu-west,2001:db8::/32=us-east", "--region-fallback", "eu-west=us-east>ap")).cluster();
        assertEquals(new ClusterConfig(ClusterConfig.Role.NODE, "redis://127.0.0.1:6379", "eu-west",
                java.util.Map.of("pool", "acme", "tier", "gold"), "n1", 50, null, 7000, java.time.Duration.ofSeconds(5),
                false, java.util.Map.of("acme", "gold"), "0123456789abcdef", 2, 40,
                new RegionMap(java.util.Map.of("10.0.0.0/8", "eu-west", "2001:db8::/32", "us-east"),
                        java.util.Map.of("eu-west", List.of("us-east", "ap")))), node);
        ClusterConfig dispatcher = CommandLine.parse(List.of("--role", "dispatcher", "--redirect",
                "--strategy", "least-loaded")).cluster();
        assertEquals(ClusterConfig.Role.DISPATCHER, dispatcher.role());
        assertEquals(true, dispatcher.redirect());
        assertEquals("least-loaded", dispatcher.strategy());
        assertEquals(ClusterConfig.Role.STANDALONE, CommandLine.parse(List.of()).cluster().role());
        assertEquals(400, CommandLine.parse(List.of("--workers", "2")).cluster().effectiveCapacity(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--cluster-secret short|invalid --cluster-secret: must have at least 16 bytes",
        "--room-node-cap -1|invalid --room-node-cap '-1': must be 0 or more",
        "--router-consumer-budget -1|invalid --router-consumer-budget '-1': must be 0 or more",
        "--bogus 1|unknown option '--bogus' (see ./tributary help)",
        "--port|option --port needs a value",
        "--port --workers 2|option --port needs a value",
        "--port abc|invalid --port 'abc': not an integer",
        "--port 0|invalid --port '0': must be a port number in 1..65535",
        "--port 70000|invalid --port '70000': must be a port number in 1..65535",
        "--rtc-port -5|invalid --rtc-port '-5': must be a port number in 1..65535",
        "--workers 0|invalid --workers '0': must be in 1..256",
        "--host localhost|invalid --host 'localhost': must be an IPv4 or IPv6 address",
        "--host 999.1.1.1|invalid --host '999.1.1.1': must be an IPv4 or IPv6 address",
        "--announced-ip a/b|invalid --announced-ip 'a/b': must be an IP address or host name",
        "--rtc-port 65535 --workers 2|--rtc-port 65535 with 2 workers needs ports up to 65536, above 65535",
        "--port 44445 --workers 2|--port 44445 collides with the media ports 44444..44445",
        "--role master|invalid --role 'master': must be node, dispatcher or standalone",
        "--role node|--role node needs --redis redis://host:port (the cluster's shared state)",
        "--redis localhost:6379|invalid --redis 'localhost:6379': must be redis://host:port (or memory)",
        "--labels pool|invalid --labels 'pool': must be k=v[,k=v]",
        "--region a/b|invalid --region 'a/b': letters, digits and . _ : - only, 64 at most",
        "--capacity 0|invalid --capacity '0': must be 1 or more",
        "--region-cidrs eu|invalid --region-cidrs 'eu': must be cidr=region[,cidr=region]",
        "--region-cidrs 10.0.0.0/99=eu|invalid --region-cidrs '10.0.0.0/99=eu': prefix length out of range in 10.0.0.0/99",
    })
    void badInputIsOneClearLine(String args, String message) {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse(List.of(args.split(" "))));
        assertEquals(message, e.getMessage());
    }
}
