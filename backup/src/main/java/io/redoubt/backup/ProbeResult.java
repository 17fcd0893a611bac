package io.redoubt.backup;

/**
 * The outcome of {@link Destination#probe()}: a probe file written, read back and deleted, or the reason
 * it could not be, in one line without a secret.
 *
 * @param reason null when the probe passed
 */
public record ProbeResult(FailureReason reason, String message) {
    public static ProbeResult passed(String message) {
        return new ProbeResult(null, message);
    }

    public static ProbeResult failed(DestinationException e) {
        return new ProbeResult(e.reason(), e.getMessage());
    }

    public boolean ok() {
        return reason == null;
    }
}
