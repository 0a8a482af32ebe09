package io.sluice.samples.springboot;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface Books extends JpaRepository<Book, Long> {
    List<Book> findAllByOrderByTitle();
}
