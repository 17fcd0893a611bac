package io.redoubt.engine.command;

import java.util.List;

/**
 * One node of a command's argument tree, as COMMAND DOCS reports it and redis-cli reads it for its
 * hints. Immutable; built by {@link ArgumentGrammar} from the declaration on the command's spec.
 *
 * <p>Invariant: {@code arguments} is non-empty exactly when {@code type} is a container (oneof or
 * block); {@code token} is set for every pure token; {@code multipleToken} implies {@code multiple};
 * absent text fields are null and an absent key spec index is -1.
 *
 * @param name the argument's name (redis-cli shows it as the placeholder)
 * @param type its type
 * @param displayText the placeholder redis-cli shows instead of the name, or null
 * @param keySpecIndex the index of the key spec that finds this argument, or -1
 * @param token the literal word that introduces it (or that it is, for a pure token), or null
 * @param since the version that added it, or null
 * @param deprecatedSince the version that deprecated it, or null
 * @param optional whether it may be left out
 * @param multiple whether it may repeat
 * @param multipleToken whether the token repeats with every repetition
 * @param arguments the nested arguments of a oneof or block
 */
public record CommandArgument(String name, ArgumentType type, String displayText, int keySpecIndex,
        String token, String since, String deprecatedSince, boolean optional, boolean multiple,
        boolean multipleToken, List<CommandArgument> arguments) {

    public CommandArgument {
        arguments = List.copyOf(arguments);
        if (type.isContainer() == arguments.isEmpty()) {
            throw new IllegalArgumentException("argument " + name + " of type " + type.wireName()
                    + (type.isContainer() ? " needs nested arguments" : " cannot have nested arguments"));
        }
        if (type == ArgumentType.PURE_TOKEN && token == null) {
            throw new IllegalArgumentException("pure-token argument " + name + " needs a token");
        }
        if (multipleToken && !multiple) {
            throw new IllegalArgumentException("argument " + name + " has multiple_token without multiple");
        }
    }

    /** How many COMMAND DOCS flags the argument has (optional, multiple, multiple_token). */
    public int flagCount() {
        return (optional ? 1 : 0) + (multiple ? 1 : 0) + (multipleToken ? 1 : 0);
    }
}
