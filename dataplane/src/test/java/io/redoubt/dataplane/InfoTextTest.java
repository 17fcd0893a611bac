package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfoTextTest {

    @Test
    void sectionsAreSeparatedByEmptyLinesWithCrlf() {
        String text = new InfoText().section("Server").field("a", 1).section("Clients").field("b", "x").toString();
        assertThat(text).isEqualTo("# Server\r\na:1\r\n\r\n# Clients\r\nb:x\r\n");
    }

    @Test
    void humanSizesFollowRedis() {
        assertThat(InfoText.human(0)).isEqualTo("0B");
        assertThat(InfoText.human(1023)).isEqualTo("1023B");
        assertThat(InfoText.human(1212736)).isEqualTo("1.16M");
        assertThat(InfoText.human(25276026880L)).isEqualTo("23.54G");
    }

    @Test
    void cpuSecondsHaveSixDecimals() {
        assertThat(InfoText.seconds(110160)).isEqualTo("0.110160");
        assertThat(InfoText.seconds(3_000_001)).isEqualTo("3.000001");
    }
}
