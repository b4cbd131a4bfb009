SELECT DISTINCT c.id, c.name, c.email
FROM customers AS c
JOIN orders AS o ON o.customer_id <> c.id
WHERE o.status <> 'cancelled';
