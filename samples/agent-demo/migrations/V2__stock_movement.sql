CREATE TABLE stock_movement (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product (id),
    quantity   INTEGER NOT NULL,
    moved_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX stock_movement_product ON stock_movement (product_id);
