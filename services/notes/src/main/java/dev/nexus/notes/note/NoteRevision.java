package dev.nexus.notes.note;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a note, as its author left it; never changed. */
@Entity
@Table(name = "note_revisions")
public class NoteRevision extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "note_id", nullable = false)
    public UUID noteId;

    @Column(nullable = false)
    public int number;

    @Column(name = "author_id", nullable = false)
    public UUID authorId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] tags;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static NoteRevision of(Note note, UUID author) {
        NoteRevision revision = new NoteRevision();
        revision.id = UUID.randomUUID();
        revision.noteId = note.id;
        revision.number = note.revision;
        revision.authorId = author;
        revision.title = note.title;
        revision.body = note.body;
        revision.tags = note.tags;
        revision.createdAt = note.updatedAt;
        return revision;
    }
}
