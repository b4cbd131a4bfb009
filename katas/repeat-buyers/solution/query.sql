SELECT c.id,
       c.name,
       COUNT(*)     AS order_count,
       SUM(o.total) AS total_spent
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
WHERE o.placed_on BETWEEN '2025-01-01' AND '2025-12-31'
  AND o.status <> 'cancelled'
GROUP BY c.id, c.name
HAVING COUNT(*) >= 3
ORDER BY order_count DESC, total_spent DESC, c.id;
