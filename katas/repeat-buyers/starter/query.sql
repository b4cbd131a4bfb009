-- Customers with at least 3 non-cancelled orders in 2025: id, name, order count, total spent; most orders first.
SELECT c.id, c.name, COUNT(*) AS order_count, SUM(o.total) AS total_spent
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.id, c.name;
