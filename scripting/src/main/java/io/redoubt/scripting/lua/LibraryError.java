package io.redoubt.scripting.lua;

/**
 * A library function's refusal (struct, cmsgpack) with the text its C original raises: thrown in
 * Java, answered to Lua as (FAIL, message) and raised by the function's Lua wrapper, since an upcall
 * must never raise a Lua error itself.
 */
final class LibraryError extends Exception {
    LibraryError(String message) {
        super(message, null, false, false);
    }
}
