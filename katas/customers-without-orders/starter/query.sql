-- List the customers (id, name, email) who have no order other than cancelled ones.
SELECT id, name, email
FROM customers;
