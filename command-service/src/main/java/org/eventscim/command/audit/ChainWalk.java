package org.eventscim.command.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventscim.events.StreamPosition;
import org.postgresql.PGStatement;

/**
 * One verification, on a connection in a read-only snapshot: the state of every tenant met, and two cursors
 * read side by side in publication order, the events and the stored links.
 */
final class ChainWalk {

    private static final int FETCH = 5_000;
    private static final HexFormat HEX = HexFormat.of();

    private final Connection db;
    private final SigningKey key;
    private final String tenant;
    private final long from;
    private final Map<String, TenantCheck> checks = new LinkedHashMap<>();
    private final ChainHasher hasher = new ChainHasher();
    private ResultSet links;

    ChainWalk(Connection db, SigningKey key, String tenant, long from) {
        this.db = db;
        this.key = key;
        this.tenant = tenant;
        this.from = Math.max(1, from);
    }

    List<TenantVerification> results() {
        return checks.values().stream().map(TenantCheck::result).toList();
    }

    /** Walks the store; returns the number of events whose link held. */
    long run() throws SQLException {
        if (tenant != null) {
            // Reported even when it has no events: "nothing to verify" is an answer, not an omission.
            check(tenant);
        }
        StreamPosition last = lastChained();
        StreamPosition start = anchor();
        loadCheckpoints();
        long verified = 0;
        try (PreparedStatement linkQuery = linkQuery();
             PreparedStatement eventQuery = eventQuery(start, last)) {
            links = linkQuery.executeQuery();
            try (ResultSet events = eventQuery.executeQuery()) {
                while (events.next()) {
                    StoredEvent event = AuditedEventReader.event(events);
                    String eventTenant = event.tenant();
                    if (tenant != null && !tenant.equals(eventTenant)) {
                        continue;
                    }
                    TenantCheck check = check(eventTenant);
                    if (check == null || !check.walking
                            || (check.anchor != null && event.position().compareTo(check.anchor) <= 0)) {
                        continue;
                    }
                    if (verifyNext(check, event)) {
                        verified++;
                    }
                }
            }
            while (links.next()) {
                readAhead(link(links));
            }
        }
        for (TenantCheck check : checks.values()) {
            finish(check);
        }
        return verified;
    }

    /** Checks {@code event} as the tenant's next link; true when it holds. */
    private boolean verifyNext(TenantCheck check, StoredEvent event) throws SQLException {
        long position = check.position + 1;
        ChainLink link = nextLink(check);
        if (link == null) {
            check.breakAt(position, BreakKind.INSERTED, "event " + event.eventId() + " has no link", true);
            return false;
        }
        if (link.position() != position) {
            check.breakAt(position, BreakKind.MISSING, "the link at position " + position + " is gone", true);
            return false;
        }
        if (!link.eventId().equals(event.eventId())) {
            classifyMismatch(check, position, link, event);
            return false;
        }
        byte[] hash = hasher.next(check.hash, event);
        if (!Arrays.equals(hash, link.hash())) {
            check.breakAt(position, BreakKind.EDITED, "event " + event.eventId() + " differs from what was chained", true);
            return false;
        }
        check.position = position;
        check.hash = hash;
        compareCheckpoint(check);
        return true;
    }

    private void classifyMismatch(TenantCheck check, long position, ChainLink link, StoredEvent event) throws SQLException {
        if (!exists("SELECT 1 FROM scim_events.domain_event_entry WHERE event_identifier = ?", link.eventId())) {
            check.breakAt(position, BreakKind.MISSING, "event " + link.eventId() + " is gone from the store", true);
        } else if (!exists("SELECT 1 FROM scim_audit.chain_link WHERE event_identifier = ? AND tenant_id = ?",
                event.eventId(), check.tenant)) {
            check.breakAt(position, BreakKind.INSERTED, "event " + event.eventId() + " was never chained", true);
        } else {
            check.breakAt(position, BreakKind.REORDERED, "event " + event.eventId() + " stands where "
                    + link.eventId() + " was chained", true);
        }
    }

    private void compareCheckpoint(TenantCheck check) {
        while (!check.checkpoints.isEmpty() && check.checkpoints.peekFirst().position() <= check.position) {
            Checkpoint checkpoint = check.checkpoints.pollFirst();
            if (checkpoint.position() < check.position) {
                continue;
            }
            if (Arrays.equals(checkpoint.hash(), check.hash)) {
                check.checkpointsVerified++;
            } else {
                check.breakAt(check.position, BreakKind.REWRITTEN, "the checkpoint signed at " + checkpoint.signedAt()
                        + " holds " + HEX.formatHex(checkpoint.hash()) + " for this position", true);
            }
        }
    }

    /** After the walk: links or signed checkpoints beyond the last event found mean events are gone. */
    private void finish(TenantCheck check) {
        if (!check.walking) {
            return;
        }
        long next = check.position + 1;
        if (!check.links.isEmpty()) {
            check.breakAt(next, BreakKind.MISSING, "event " + check.links.peekFirst().eventId() + " is gone from the store", true);
        } else if (!check.checkpoints.isEmpty()) {
            check.breakAt(next, BreakKind.MISSING, "a checkpoint is signed at position "
                    + check.checkpoints.peekLast().position() + ", beyond the last event", true);
        }
    }

    /** The tenant's next stored link, reading the link cursor ahead into other tenants' queues as needed. */
    private ChainLink nextLink(TenantCheck check) throws SQLException {
        while (check.links.isEmpty() && links.next()) {
            readAhead(link(links));
        }
        return check.links.pollFirst();
    }

    private void readAhead(ChainLink link) {
        TenantCheck owner = check(link.tenant());
        if (owner != null && owner.walking) {
            owner.links.addLast(link);
        }
    }

    /** The tenant's state; from position 1 every tenant is verified, from a later one only the anchored ones. */
    private TenantCheck check(String name) {
        if (from == 1) {
            return checks.computeIfAbsent(name, ignored -> new TenantCheck(name, 1, null, ChainHasher.GENESIS));
        }
        return checks.get(name);
    }

    /** From a later position, each tenant starts at its stored link before it; the walk from the earliest one. */
    private StreamPosition anchor() throws SQLException {
        if (from == 1) {
            return StreamPosition.START;
        }
        StreamPosition start = null;
        try (PreparedStatement query = db.prepareStatement("""
                SELECT tenant_id, tx_id::text::bigint AS tx, global_index, hash FROM scim_audit.chain_link
                WHERE position = ?""" + (tenant == null ? "" : " AND tenant_id = ?"))) {
            query.setLong(1, from - 1);
            if (tenant != null) {
                query.setString(2, tenant);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StreamPosition anchor = new StreamPosition(rows.getLong("tx"), rows.getLong("global_index"));
                    String name = rows.getString("tenant_id");
                    checks.put(name, new TenantCheck(name, from, anchor, rows.getBytes("hash")));
                    start = start == null || anchor.compareTo(start) < 0 ? anchor : start;
                }
            }
        }
        return start == null ? StreamPosition.START : start;
    }

    /** Signatures are checked up front; a checkpoint that fails is a break at its position. */
    private void loadCheckpoints() throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT " + CheckpointStore.COLUMNS
                + " FROM scim_audit.checkpoint WHERE position >= ?" + (tenant == null ? "" : " AND tenant_id = ?")
                + " ORDER BY tenant_id, position")) {
            query.setLong(1, from);
            if (tenant != null) {
                query.setString(2, tenant);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Checkpoint checkpoint = CheckpointStore.checkpoint(rows);
                    TenantCheck check = check(checkpoint.tenant());
                    if (check == null) {
                        continue;
                    }
                    if (!checkpoint.keyId().equals(key.id())) {
                        check.breakAt(checkpoint.position(), BreakKind.BAD_SIGNATURE,
                                "checkpoint signed by unknown key " + checkpoint.keyId(), false);
                    } else if (!key.verifies(checkpoint.signedBytes(), checkpoint.signature())) {
                        check.breakAt(checkpoint.position(), BreakKind.BAD_SIGNATURE,
                                "the checkpoint's signature does not verify", false);
                    } else {
                        check.checkpoints.addLast(checkpoint);
                    }
                }
            }
        }
    }

    private StreamPosition lastChained() throws SQLException {
        try (ResultSet row = db.createStatement().executeQuery("""
                SELECT tx_id::text::bigint AS tx, global_index FROM scim_audit.chain_link
                ORDER BY tx_id DESC, global_index DESC LIMIT 1""")) {
            return row.next() ? new StreamPosition(row.getLong("tx"), row.getLong("global_index")) : StreamPosition.START;
        }
    }

    private PreparedStatement linkQuery() throws SQLException {
        PreparedStatement query = db.prepareStatement("""
                SELECT tenant_id, position, tx_id::text::bigint AS tx, global_index, event_identifier, hash
                FROM scim_audit.chain_link WHERE position >= ?""" + (tenant == null
                ? " ORDER BY tx_id, global_index" : " AND tenant_id = ? ORDER BY position"));
        query.setLong(1, from);
        if (tenant != null) {
            query.setString(2, tenant);
        }
        return streamed(query);
    }

    /**
     * Events in publication order between the start and the last chained event. For one tenant, a byte match
     * on its name narrows the read cheaply (and never fails on metadata that is not JSON); the exact test
     * on the parsed tenant follows.
     */
    private PreparedStatement eventQuery(StreamPosition start, StreamPosition last) throws SQLException {
        PreparedStatement query = db.prepareStatement("SELECT " + AuditedEventReader.COLUMNS + """
                 FROM scim_events.domain_event_entry
                WHERE (tx_id, global_index) > (?::text::xid8, ?)
                  AND (tx_id, global_index) <= (?::text::xid8, ?)""" + (tenant == null ? "" : """
                  AND position(convert_to(?, 'UTF8') IN meta_data) > 0""") + """
                 ORDER BY tx_id, global_index""");
        query.setString(1, Long.toString(start.transactionId()));
        query.setLong(2, start.globalIndex());
        query.setString(3, Long.toString(last.transactionId()));
        query.setLong(4, last.globalIndex());
        if (tenant != null) {
            query.setString(5, tenant);
        }
        return streamed(query);
    }

    /**
     * Fetched in slices rather than whole; and server-prepared from the first execution, which makes the driver
     * take bytea columns in binary instead of hex text: half the bytes, no decoding, a third faster.
     */
    private static PreparedStatement streamed(PreparedStatement query) throws SQLException {
        query.setFetchSize(FETCH);
        query.unwrap(PGStatement.class).setPrepareThreshold(-1);
        return query;
    }

    private boolean exists(String sql, String... values) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                query.setString(i + 1, values[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static ChainLink link(ResultSet row) throws SQLException {
        return new ChainLink(row.getString("tenant_id"), row.getLong("position"),
                new StreamPosition(row.getLong("tx"), row.getLong("global_index")),
                row.getString("event_identifier"), row.getBytes("hash"));
    }
}
