package io.redoubt.cluster.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The cluster object's settings (RE {@code /v1/cluster} and {@code /v1/cluster/policy}). Durations keep their
 * unit here; RE's API states them in days, seconds or minutes as noted.
 *
 * @param name the cluster's name (RE {@code name})
 * @param passwordComplexity complexity rules on (RE {@code password_complexity}; Redoubt's default is on, RE's off)
 * @param passwordMinLength minimum length while complexity is on, 8..256 (RE {@code password_min_length})
 * @param passwordExpiration how long a password stays valid, zero for never; whole days in RE
 *        ({@code password_expiration_duration})
 * @param loginLockoutThreshold failed sign-ins that lock an account, 0 for no lockout (RE {@code login_lockout_threshold})
 * @param loginLockoutCounterResetAfter the window the failures are counted in; seconds in RE
 *        ({@code login_lockout_counter_reset_after})
 * @param loginLockoutDuration how long a lock lasts, zero for "until an admin resets the password"; seconds in RE
 *        ({@code login_lockout_duration})
 * @param cmSessionTimeout idle time that ends a console session; minutes in RE ({@code cm_session_timeout_minutes})
 * @param minControlTlsVersion the API's and console's minimum TLS version (RE {@code min_control_TLS_version})
 * @param minDataTlsVersion database endpoints' minimum TLS version (RE {@code min_data_TLS_version})
 * @param cipherSuites cipher lists per plane (RE {@code *_cipher_suites*})
 * @param controlPlaneBasicAuthentication HTTP Basic accepted on the API (RE {@code control_plane_basic_authentication})
 * @param disconnectClientsOnPasswordRemoval drop connections of removed passwords (RE
 *        {@code disconnect_clients_on_password_removal})
 */
public record ClusterSettings(String name, boolean passwordComplexity, int passwordMinLength,
        Duration passwordExpiration, int loginLockoutThreshold, Duration loginLockoutCounterResetAfter,
        Duration loginLockoutDuration, Duration cmSessionTimeout, TlsVersion minControlTlsVersion,
        TlsVersion minDataTlsVersion, CipherSuites cipherSuites, boolean controlPlaneBasicAuthentication,
        PasswordRemovalDisconnect disconnectClientsOnPasswordRemoval) {

    public ClusterSettings {
        FieldRules.name("name", name);
        FieldRules.within("password_min_length", 8, 256, passwordMinLength);
        FieldRules.wholeSecondsNotNegative("password_expiration_duration", passwordExpiration);
        if (passwordExpiration.toSeconds() % Duration.ofDays(1).toSeconds() != 0) {
            throw new IllegalArgumentException("password_expiration_duration must be whole days: " + passwordExpiration);
        }
        FieldRules.atLeast("login_lockout_threshold", 0, loginLockoutThreshold);
        FieldRules.wholeSecondsNotNegative("login_lockout_counter_reset_after", loginLockoutCounterResetAfter);
        FieldRules.wholeSecondsNotNegative("login_lockout_duration", loginLockoutDuration);
        FieldRules.wholeSecondsNotNegative("cm_session_timeout_minutes", cmSessionTimeout);
        if (cmSessionTimeout.isZero() || cmSessionTimeout.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("cm_session_timeout_minutes must be a positive number of minutes: "
                    + cmSessionTimeout);
        }
        Objects.requireNonNull(minControlTlsVersion, "min_control_TLS_version");
        Objects.requireNonNull(minDataTlsVersion, "min_data_TLS_version");
        Objects.requireNonNull(cipherSuites, "cipher suites");
        Objects.requireNonNull(disconnectClientsOnPasswordRemoval, "disconnect_clients_on_password_removal");
    }

    /**
     * A new cluster's settings: RE's defaults (lockout 5 / 900 s / 1800 s, session 15 min, TLS 1.2, Basic on,
     * expiration off), except that Redoubt turns password complexity on.
     */
    public static ClusterSettings defaults(String name) {
        return new ClusterSettings(name, true, 8, Duration.ZERO, 5, Duration.ofSeconds(900), Duration.ofSeconds(1800),
                Duration.ofMinutes(15), TlsVersion.TLS_1_2, TlsVersion.TLS_1_2, CipherSuites.PROVIDER_DEFAULTS, true,
                PasswordRemovalDisconnect.AUTO);
    }
}
