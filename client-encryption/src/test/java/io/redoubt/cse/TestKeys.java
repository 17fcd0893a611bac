package io.redoubt.cse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real PKCS#12 keystore in a temporary folder with data keys wrapped under it. */
final class TestKeys {
    static final char[] PASSWORD = "keystore-password".toCharArray();

    final Path keystore;
    final List<WrappedDataKey> wrapped = new ArrayList<>();

    TestKeys(Path dir) {
        keystore = dir.resolve("keks.p12");
        Pkcs12KeySource.addNewKek(keystore, PASSWORD, "kek-1");
    }

    Pkcs12KeySource source(String currentKek) {
        return Pkcs12KeySource.open(keystore, PASSWORD, currentKek);
    }

    /** Adds data key {@code id} wrapped under kek-1. */
    TestKeys withDataKey(int id) {
        wrapped.add(Keyring.newDataKey(source("kek-1"), id));
        return this;
    }

    ValueEncryptor encryptor(int currentId) {
        return new ValueEncryptor(Keyring.unwrap(source("kek-1"), wrapped, currentId));
    }
}
