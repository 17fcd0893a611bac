/** String commands: GET, SET and the rest of Redis's string family. */
package io.redoubt.engine.strings;
