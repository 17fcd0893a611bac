package io.redoubt.cse;

/**
 * Where key-encryption keys (KEKs) live: a PKCS#12 file ({@link Pkcs12KeySource}) or a KMS behind this
 * interface. A KEK never leaves its source; the source only wraps and unwraps the 256-bit data keys that
 * actually encrypt values, so a KMS is called once per data key at start-up, never per value.
 *
 * <p>{@code context} is bound to the wrapped key (associated data, or a KMS "encryption context"): an
 * implementation must fail to unwrap when it differs, so a wrapped key cannot be passed off under another
 * data key id.
 */
public interface KeySource {

    /** The KEK that new data keys are wrapped under. */
    String currentKekName();

    /** Wraps {@code dataKey} under the KEK called {@code kekName}. */
    byte[] wrap(String kekName, byte[] dataKey, byte[] context);

    /**
     * Unwraps what {@link #wrap} returned.
     *
     * @throws TamperedValueException if the wrapped key or the context was changed
     * @throws IllegalArgumentException if the source has no KEK of that name
     */
    byte[] unwrap(String kekName, byte[] wrapped, byte[] context);
}
