-- List March 2026's paid or shipped orders of at least 500.00: newest first, then larger total, then smaller id.
SELECT id, customer_name, placed_on, total
FROM orders
ORDER BY id;
