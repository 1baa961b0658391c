package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link MergeGroup} over the live members of one component of an {@link OverlapGraph}; reset for
 * each component of a run, so one view serves the whole run. Not thread-safe.
 */
final class GroupView implements MergeGroup {

    private final OverlapGraph graph;
    private final Matching matching;
    private final List<Detection> out;
    /** Local index of each graph node in the current group, -1 for nodes outside it. */
    private final int[] localOf;
    private final int[] one = new int[1];
    private int[] members = new int[0];
    private boolean alone;

    GroupView(OverlapGraph graph, Matching matching, List<Detection> out) {
        this.graph = graph;
        this.matching = matching;
        this.out = out;
        this.localOf = new int[graph.size()];
        Arrays.fill(localOf, -1);
    }

    /** Makes the view show {@code live} (graph nodes in processing order). */
    void reset(int[] live) {
        clear();
        members = live;
        alone = false;
        for (int k = 0; k < live.length; k++) {
            localOf[live[k]] = k;
        }
    }

    /** Makes the view show the one node {@code i}, which overlaps nothing. */
    void single(int i) {
        clear();
        one[0] = i;
        members = one;
        alone = true;
        localOf[i] = 0;
    }

    private void clear() {
        for (int g : members) {
            localOf[g] = -1;
        }
    }

    @Override
    public int size() {
        return members.length;
    }

    @Override
    public Detection detection(int i) {
        return graph.cur[members[i]];
    }

    @Override
    public int[] neighbours(int i) {
        if (alone) {
            return new int[0];
        }
        int[] nb = graph.neighbours(members[i]);
        int[] local = new int[nb.length];
        int k = 0;
        for (int g : nb) {
            int l = localOf[g];
            if (l >= 0) {
                local[k++] = l;
            }
        }
        return k == local.length ? local : Arrays.copyOf(local, k);
    }

    @Override
    public boolean matches(int i, int j) {
        return matching.matches(detection(i), detection(j));
    }

    @Override
    public double metric(int i, int j) {
        return matching.measure(detection(i), detection(j));
    }

    @Override
    public boolean alone() {
        return alone;
    }

    @Override
    public void emit(Detection merged) {
        out.add(merged);
    }
}
