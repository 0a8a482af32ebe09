package io.sluice.samples.springboot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class BookController {
    private final Books books;

    BookController(Books books) {
        this.books = books;
    }

    @GetMapping("/books")
    List<Book> books() {
        return books.findAllByOrderByTitle();
    }
}
