SELECT c.id, c.name, COUNT(o.id) AS order_count
FROM orders AS o
LEFT JOIN customers AS c ON c.id = o.customer_id
GROUP BY c.id, c.name;
