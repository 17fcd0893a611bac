/**
 * Lua scripting as Redis 7.0 has it (EVAL, EVALSHA, their _RO forms, SCRIPT, FUNCTION and FCALL):
 * Debian's liblua5.1, the interpreter Redis embeds, reached through the Foreign Function and Memory
 * API, with Redis's sandbox, libraries and Lua/RESP conversions. Commands a script runs reach the server through the
 * {@link io.redoubt.scripting.CommandCaller} port, which the data plane implements with the same checks
 * a client's command meets.
 */
package io.redoubt.scripting;
