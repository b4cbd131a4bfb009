SELECT c.id, c.name, c.email
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
WHERE o.id IS NULL
   OR o.status = 'cancelled';
