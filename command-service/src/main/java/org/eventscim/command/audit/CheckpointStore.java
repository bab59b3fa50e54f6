package org.eventscim.command.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Signed checkpoints and the public keys that signed them, in the audit schema. */
@Component
class CheckpointStore {

    static final String COLUMNS = "tenant_id, position, hash, signed_at, key_id, signature";

    private final JdbcTemplate jdbc;

    CheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void save(List<Checkpoint> checkpoints) {
        jdbc.batchUpdate("INSERT INTO scim_audit.checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                checkpoints, 500, (statement, checkpoint) -> {
                    statement.setString(1, checkpoint.tenant());
                    statement.setLong(2, checkpoint.position());
                    statement.setBytes(3, checkpoint.hash());
                    statement.setTimestamp(4, Timestamp.from(checkpoint.signedAt()));
                    statement.setString(5, checkpoint.keyId());
                    statement.setBytes(6, checkpoint.signature());
                });
    }

    List<Checkpoint> unpublished(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM scim_audit.checkpoint WHERE NOT published ORDER BY signed_at LIMIT ?",
                (row, index) -> checkpoint(row), limit);
    }

    void markPublished(List<Checkpoint> checkpoints) {
        jdbc.batchUpdate("UPDATE scim_audit.checkpoint SET published = TRUE WHERE tenant_id = ? AND position = ?",
                checkpoints, 500, (statement, checkpoint) -> {
                    statement.setString(1, checkpoint.tenant());
                    statement.setLong(2, checkpoint.position());
                });
    }

    /** Records the public key, so that checkpoints stay verifiable for auditors who do not hold the key file. */
    void register(SigningKey key) {
        jdbc.update("INSERT INTO scim_audit.signing_key (key_id, public_key) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING",
                key.id(), key.publicKey().getEncoded());
    }

    static Checkpoint checkpoint(ResultSet row) throws SQLException {
        return new Checkpoint(row.getString("tenant_id"), row.getLong("position"), row.getBytes("hash"),
                row.getTimestamp("signed_at").toInstant(), row.getString("key_id"), row.getBytes("signature"));
    }
}
