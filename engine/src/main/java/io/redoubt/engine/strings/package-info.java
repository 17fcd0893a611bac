/**
 * The string family (GET, SET and the rest of Redis 7.0's string commands) and {@link
 * io.redoubt.engine.strings.StringEncoding}, the int/embstr/raw names OBJECT ENCODING reports for
 * string values.
 */
package io.redoubt.engine.strings;
