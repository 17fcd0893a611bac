package io.redoubt.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrSetTest {
    @Test
    void matchesIpv4AndIpv6Networks() throws Exception {
        CidrSet s = CidrSet.parse("10.0.0.0/8  192.168.1.7 2001:db8::/32 172.16.0.0/12");
        assertThat(s.matches(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(s.matches(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(s.matches(InetAddress.getByName("192.168.1.7"))).isTrue();
        assertThat(s.matches(InetAddress.getByName("192.168.1.8"))).isFalse();
        assertThat(s.matches(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(s.matches(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(s.matches(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(s.matches(InetAddress.getByName("2001:db9::5"))).isFalse();
        assertThat(s.toString()).isEqualTo("10.0.0.0/8 192.168.1.7 2001:db8::/32 172.16.0.0/12");
        assertThat(CidrSet.parse("").matches(InetAddress.getByName("8.8.8.8"))).isTrue();
    }

    @Test
    void refusesNamesAndBadPrefixesNamingTheWord() {
        assertThatThrownBy(() -> CidrSet.parse("10.0.0.0/8 example.com"))
                .hasMessage("'example.com' is not a numeric IPv4 or IPv6 network");
        assertThatThrownBy(() -> CidrSet.parse("10.0.0.0/33")).hasMessage("'10.0.0.0/33' has a prefix length out of range");
        assertThatThrownBy(() -> CidrSet.parse("10.0.0.0/x")).hasMessage("'10.0.0.0/x' has no valid prefix length");
    }
}
