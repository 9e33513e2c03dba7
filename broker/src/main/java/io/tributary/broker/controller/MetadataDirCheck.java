package io.tributary.broker.controller;

import io.tributary.common.config.ConfigException;
import io.tributary.controller.local.LocalMetadataLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the two metadata log formats apart. A one-node cluster keeps its metadata in a local file
 * ({@link LocalMetadataLog}: {@code 00000000000000000000.log} and {@code .checkpoint} snapshots in
 * {@code __cluster_metadata-0/}); a cluster controller keeps Raft storage there (a directory per Raft
 * group). Opening one as the other would start a new, empty cluster beside the old data, so either
 * mix is refused at startup, naming the key that changed.
 */
public final class MetadataDirCheck {

    private MetadataDirCheck() {
    }

    /** Refuses to start a Raft controller on a directory written by a one-node cluster. */
    public static void forRaft(Path metadataLogDir) {
        Path dir = metadataLogDir.resolve(LocalMetadataLog.DIR_NAME);
        if (holds(dir, "*.log") || holds(dir, "*.checkpoint")) {
            throw new ConfigException("controller.quorum.voters", null, "the metadata in " + dir + " was written by a one-node "
                    + "cluster (no controller.quorum.voters); a cluster controller cannot take it over. Remove "
                    + "controller.quorum.voters to run that node as before, or give the cluster node an empty metadata.log.dir");
        }
    }

    /** Refuses to start a one-node cluster on a directory that holds a cluster controller's Raft storage. */
    public static void forLocal(Path metadataLogDir) {
        Path dir = metadataLogDir.resolve(LocalMetadataLog.DIR_NAME);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                throw new ConfigException("controller.quorum.voters", "", "the metadata in " + dir + " is a cluster controller's Raft "
                        + "storage (" + p.getFileName() + "); set controller.quorum.voters (and process.roles) as that node had them");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean holds(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
