package org.vivacite.app.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.vivacite.opendata.DisclosureRules;

/** {@code vivacite.open-data.rules.*} as the server binds it. */
class OpenDataPropertiesTest {

    private static DisclosureRules rules(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("vivacite.open-data", OpenDataProperties.class)
                .rules()
                .disclosureRules();
    }

    @Test
    void theProtectionLevelIsTenPercentByDefaultAndRecordedWithTheRules() {
        DisclosureRules defaults = rules(Map.of());
        assertThat(defaults).isEqualTo(DisclosureRules.DEFAULTS);
        assertThat(defaults.protectionLevel()).isEqualByComparingTo("0.10");
        assertThat(defaults.parameters()).containsEntry("protection-level", "0.1");
    }

    @Test
    void theProtectionLevelIsASetting() {
        assertThat(rules(Map.of("vivacite.open-data.rules.protection-level", "0.15"))
                        .protectionLevel())
                .isEqualByComparingTo("0.15");
    }
}
