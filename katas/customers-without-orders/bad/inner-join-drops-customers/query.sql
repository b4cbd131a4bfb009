SELECT c.id, c.name, c.email
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.id, c.name, c.email
HAVING SUM(o.status <> 'cancelled') = 0;
