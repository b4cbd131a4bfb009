-- List every customer (id, name) with the number of orders they placed; 0 for customers who never ordered.
SELECT id, name, NULL AS order_count
FROM customers;
