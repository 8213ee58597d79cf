package dev.nexus.notes.solution;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A member's solution to a problem. {@code votes} counts the rows of {@code votes}, kept in the same transaction. */
@Entity
@Table(name = "solutions")
public class Solution extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "problem_id", nullable = false)
    public UUID problemId;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Column(name = "author_id", nullable = false)
    public UUID authorId;

    /** Markdown. */
    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String html;

    @Column(nullable = false)
    public String language;

    @Column(nullable = false)
    public int votes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;
}
