SELECT id, customer_name, placed_on, total
FROM orders
WHERE placed_on BETWEEN '2026-03-01' AND '2026-03-31'
  AND status IN ('paid', 'shipped')
  AND total >= 500
ORDER BY placed_on DESC, total DESC, id;
