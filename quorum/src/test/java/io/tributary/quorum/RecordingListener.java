package io.tributary.quorum;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener whose "state" is the list of every entry applied so far, as strings. It checks the
 * listener contract as it goes (one thread, increasing indexes, terms that never go back) and
 * keeps any violation for the test to assert on.
 */
final class RecordingListener implements QuorumListener {

    record LeaderEvent(int leaderId, long term, boolean local) {
    }

    private final List<String> state = new ArrayList<>();
    private final List<LeaderEvent> leaderEvents = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Long> loadedSnapshotIndexes = new ArrayList<>();
    private int snapshotsTaken;
    private int commitsSinceLoad;
    private long lastIndex = -1;
    private long lastLeaderTerm = -1;
    private Thread thread;

    private void checkThread(String callback) {
        Thread current = Thread.currentThread();
        if (thread == null) {
            thread = current;
        } else if (thread != current) {
            violations.add(callback + " on thread " + current.getName() + ", earlier on " + thread.getName());
        }
        if (!current.getName().startsWith("tributary-quorum-listener-")) {
            violations.add(callback + " on unexpected thread " + current.getName());
        }
    }

    @Override
    public synchronized void onCommit(long index, long term, byte[] entry) {
        checkThread("onCommit");
        if (index <= lastIndex) {
            violations.add("commit index " + index + " after " + lastIndex);
        }
        lastIndex = index;
        commitsSinceLoad++;
        state.add(new String(entry, StandardCharsets.UTF_8));
        notifyAll();
    }

    @Override
    public synchronized void onLeaderChange(int leaderId, long term, boolean isLocal) {
        checkThread("onLeaderChange");
        if (term < lastLeaderTerm) {
            violations.add("leader term " + term + " after " + lastLeaderTerm);
        }
        lastLeaderTerm = term;
        leaderEvents.add(new LeaderEvent(leaderId, term, isLocal));
    }

    @Override
    public synchronized byte[] takeSnapshot() {
        checkThread("takeSnapshot");
        snapshotsTaken++;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(lastIndex);
            out.writeInt(state.size());
            for (String s : state) {
                out.writeUTF(s);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void loadSnapshot(long index, byte[] snapshot) {
        checkThread("loadSnapshot");
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(snapshot));
            long snapshotLastCommit = in.readLong();
            int n = in.readInt();
            List<String> loaded = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                loaded.add(in.readUTF());
            }
            if (snapshotLastCommit > index) {
                violations.add("snapshot at index " + index + " holds a commit at " + snapshotLastCommit);
            }
            state.clear();
            state.addAll(loaded);
            lastIndex = index;
            loadedSnapshotIndexes.add(index);
            commitsSinceLoad = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        notifyAll();
    }

    synchronized List<String> state() {
        return List.copyOf(state);
    }

    synchronized int size() {
        return state.size();
    }

    synchronized List<LeaderEvent> leaderEvents() {
        return List.copyOf(leaderEvents);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized List<Long> loadedSnapshotIndexes() {
        return List.copyOf(loadedSnapshotIndexes);
    }

    /** Commits delivered after the latest snapshot load (or since start, when none was loaded). */
    synchronized int commitsSinceLoad() {
        return commitsSinceLoad;
    }

    synchronized int snapshotsTaken() {
        return snapshotsTaken;
    }
}
