package io.redoubt.security.certificate;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** What {@link CertificateCheck} decided about a certificate and key offered for a plane. */
public sealed interface CertificateVerdict permits CertificateVerdict.Accepted, CertificateVerdict.Refused {
    default boolean accepted() {
        return this instanceof Accepted;
    }

    /** Usable: the parsed chain (leaf first) and its key. */
    record Accepted(List<X509Certificate> chain, PrivateKey key) implements CertificateVerdict {
        public Accepted {
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "Accepted[" + chain.get(0).getSubjectX500Principal() + "]";
        }
    }

    /** Refused for {@code reason}; {@code message} is one line that says what is wrong and what to do. */
    record Refused(CertificateRefusal reason, String message) implements CertificateVerdict {
        public Refused {
            if (message.isBlank() || message.contains("\n")) {
                throw new IllegalArgumentException("a refusal needs a one-line message");
            }
        }
    }
}
