package dev.jwtauth.sample.it.consumer;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A row of the application's own persistence unit, {@code notes}. */
@Entity
public class Note {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    String owner;

    String text;

    protected Note() {
    }

    public Note(String owner, String text) {
        this.owner = owner;
        this.text = text;
    }
}
