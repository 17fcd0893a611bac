/** Generic key commands: DEL, EXISTS, EXPIRE, SCAN, SORT and the rest of Redis's keyspace family. */
package io.redoubt.engine.keys;
