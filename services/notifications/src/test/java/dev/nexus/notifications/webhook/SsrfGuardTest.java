package dev.nexus.notifications.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard's address ranges (literals only: nothing is looked up). */
class SsrfGuardTest {

    @ParameterizedTest(name = "{0} public: {1}")
    @CsvSource({
            "8.8.8.8, true", "162.159.135.232, true", "2606:4700::1111, true",
            "64:ff9b::808:808, true", "2002:808:808::1, true",
            "0.1.2.3, false", "10.1.2.3, false", "127.0.0.1, false", "169.254.169.254, false", "172.16.0.1, false",
            "172.31.255.255, false", "192.168.1.1, false", "100.64.0.1, false", "100.127.255.255, false",
            "192.0.0.8, false", "192.0.2.1, false", "192.88.99.1, false", "198.18.0.1, false", "198.19.255.1, false",
            "198.51.100.7, false", "203.0.113.9, false", "224.0.0.1, false", "240.0.0.1, false",
            "255.255.255.255, false",
            "::, false", "::1, false", "fe80::1, false", "fc00::1, false", "fd12:3456::1, false", "ff02::1, false",
            "2001:db8::1, false", "100::1, false", "2001:0:4136:e378:8000:63bf:3fff:fdd2, false",
            "::ffff:10.0.0.1, false", "::ffff:8.8.8.8, true", "64:ff9b::a9fe:a9fe, false", "64:ff9b::7f00:1, false",
            "2002:7f00:1::1, false", "2002:a9fe:a9fe::1, false",
    })
    void special_purpose_addresses_are_not_public(String address, boolean expected) throws Exception {
        assertEquals(expected, SsrfGuard.isPublic(InetAddress.getByName(address)));
    }
}
