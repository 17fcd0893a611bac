package io.redoubt.dataplane;

import io.redoubt.engine.bitmaps.BitmapCommands;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.geo.GeoCommands;
import io.redoubt.engine.hyperloglog.HyperLogLogCommands;
import io.redoubt.engine.hashes.HashCommands;
import io.redoubt.engine.keys.KeyCommands;
import io.redoubt.engine.sets.SetCommands;
import io.redoubt.engine.lists.BlockingListCommands;
import io.redoubt.engine.streams.StreamCommands;
import io.redoubt.engine.lists.ListCommands;
import io.redoubt.engine.lists.ListValue;
import io.redoubt.engine.keys.ExpireCommands;
import io.redoubt.engine.keys.ObjectCommands;
import io.redoubt.engine.keys.SortCommands;
import io.redoubt.engine.strings.StringCommands;
import io.redoubt.engine.zsets.BlockingZSetCommands;
import io.redoubt.engine.zsets.ZSetCommands;

/** Assembles the command table from every command family. The one place that lists the families. */
public final class StandardCommands {
    private StandardCommands() {
    }

    public static CommandTable build(ServerContext server) {
        CommandTable.Builder t = CommandTable.builder();
        new ConnectionCommands(server).register(t);
        new TransactionCommands(server).register(t);
        new PubSubCommands(server).register(t);
        new StringCommands().register(t);
        new KeyCommands().register(t);
        new CommandIntrospection(server).register(t);
        new InfoCommand(server).register(t);
        new ConfigCommands(server).register(t);
        new BitmapCommands().register(t);
        new HyperLogLogCommands(() -> server.shard().encodingLimits().hllSparseMaxBytes()).register(t);
        new HashCommands().register(t);
        new SetCommands().register(t);
        new ListCommands().register(t);
        new ZSetCommands().register(t);
        new GeoCommands().register(t);
        new BlockingListCommands().register(t);
        new BlockingZSetCommands().register(t);
        new ExpireCommands().register(t);
        new ObjectCommands().register(t);
        new SortCommands(ListValue::of).register(t);
        new ClientCommands(server).register(t);
        new ServerControlCommands(server).register(t);
        new io.redoubt.persistence.PersistenceCommands(server.rdb(), server.aof()).register(t);
        new io.redoubt.persistence.MigrateCommand(server.migrationLinks()).register(t);
        new DiagnosticsCommands(server).register(t);
        new DebugCommands(server).register(t);
        new StreamCommands().register(t);
        new AclCommands(server).register(t);
        new ClusterCommands().register(t);
        new ReplicationCommands(server).register(t);
        new ModuleCommands(server).register(t);
        new LolwutCommand().register(t);
        new io.redoubt.scripting.ScriptingCommands(server.scripts()).register(t);
        new io.redoubt.scripting.FunctionCommands(server.functions(), new io.redoubt.scripting.LibraryPayloads() {
            @Override
            public byte[] dump(java.util.List<byte[]> codes) {
                return io.redoubt.persistence.FunctionPayload.serialize(codes);
            }

            @Override
            public java.util.List<byte[]> read(byte[] payload) {
                return io.redoubt.persistence.FunctionPayload.parse(payload);
            }
        }, server.commandLogs()::changedWithoutKeys).register(t);
        return t.build();
    }
}
