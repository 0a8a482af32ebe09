package io.sluice.samples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot service whose database is gated by Sluice: its only Sluice-specific line
 * is {@code spring.datasource.url=jdbc:sluice:sqlite:…} in {@code application.properties}.
 */
@SpringBootApplication
public class LibraryApp {
    public static void main(String[] args) {
        SpringApplication.run(LibraryApp.class, args);
    }
}
