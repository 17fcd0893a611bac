package io.redoubt.admin;

/** A service's answer: the HTTP status and the record (or list of records) to send as JSON, if any. */
public record Answer(int status, Object body) {
    static Answer ok(Object body) {
        return new Answer(200, body);
    }

    static Answer noContent() {
        return new Answer(200, null);
    }
}
