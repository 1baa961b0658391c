package dev.seamline.eval;

import java.util.Arrays;

/**
 * Maximum-cardinality matching in a bipartite graph by Hopcroft and Karp (SIAM J. Comput. 2(4),
 * 1973): phases of a breadth-first layering from the free left vertices, then vertex-disjoint
 * shortest augmenting paths found depth-first (iteratively: no recursion depth to overflow);
 * O(E √V). It may start from a given matching, which it only extends: every vertex matched at the
 * start is matched at the end (an augmenting path keeps its inner vertices matched). Package-private;
 * stateless and thread-safe.
 */
final class BipartiteMatching {

    private static final int INF = Integer.MAX_VALUE;

    private BipartiteMatching() {
    }

    /**
     * A maximum matching.
     *
     * @param adj    adj[u]: the right vertices (0 … nRight-1) left vertex u may take
     * @param nRight the number of right vertices
     * @return for each left vertex its right vertex, or -1
     */
    static int[] maximum(int[][] adj, int nRight) {
        int[] none = new int[adj.length];
        Arrays.fill(none, -1);
        return extend(adj, nRight, none);
    }

    /**
     * A maximum matching that extends {@code start} (which must be a matching of this graph): the
     * right and left vertices matched in {@code start} stay matched.
     *
     * @return for each left vertex its right vertex, or -1 (a new array)
     */
    static int[] extend(int[][] adj, int nRight, int[] start) {
        int n = adj.length;
        int[] matchL = start.clone();
        int[] matchR = new int[nRight];
        Arrays.fill(matchR, -1);
        for (int u = 0; u < n; u++) {
            if (matchL[u] >= 0) {
                if (matchR[matchL[u]] >= 0) {
                    throw new IllegalArgumentException("start is not a matching: right vertex " + matchL[u] + " taken twice");
                }
                matchR[matchL[u]] = u;
            }
        }
        int[] dist = new int[n];
        int[] it = new int[n];
        int[] queue = new int[n];
        int[] stack = new int[n];
        while (layer(adj, matchL, matchR, dist, queue)) {
            Arrays.fill(it, 0);
            for (int u = 0; u < n; u++) {
                if (matchL[u] < 0) {
                    augment(u, adj, matchL, matchR, dist, it, stack);
                }
            }
        }
        return matchL;
    }

    /** Breadth-first layers from the free left vertices; true when some free right vertex is reached. */
    private static boolean layer(int[][] adj, int[] matchL, int[] matchR, int[] dist, int[] queue) {
        int head = 0, tail = 0;
        for (int u = 0; u < adj.length; u++) {
            if (matchL[u] < 0) {
                dist[u] = 0;
                queue[tail++] = u;
            } else {
                dist[u] = INF;
            }
        }
        boolean found = false;
        while (head < tail) {
            int u = queue[head++];
            for (int v : adj[u]) {
                int w = matchR[v];
                if (w < 0) {
                    found = true;
                } else if (dist[w] == INF) {
                    dist[w] = dist[u] + 1;
                    queue[tail++] = w;
                }
            }
        }
        return found;
    }

    /** One augmenting path from free left vertex {@code root} along the layers, applied; false if none. */
    private static boolean augment(int root, int[][] adj, int[] matchL, int[] matchR, int[] dist, int[] it, int[] stack) {
        int top = 0;
        stack[0] = root;
        while (top >= 0) {
            int u = stack[top];
            if (it[u] == adj[u].length) {
                dist[u] = INF; // a dead end for the rest of this phase
                top--;
                if (top >= 0) {
                    it[stack[top]]++;
                }
                continue;
            }
            int v = adj[u][it[u]];
            int w = matchR[v];
            if (w < 0) {
                for (int k = top; k >= 0; k--) {
                    int uk = stack[k];
                    int vk = adj[uk][it[uk]];
                    matchL[uk] = vk;
                    matchR[vk] = uk;
                }
                return true;
            }
            if (dist[w] != INF && dist[w] == dist[u] + 1) {
                stack[++top] = w;
            } else {
                it[u]++;
            }
        }
        return false;
    }
}
