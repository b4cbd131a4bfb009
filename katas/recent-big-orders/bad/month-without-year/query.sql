SELECT id, customer_name, placed_on, total
FROM orders
WHERE strftime('%m', placed_on) = '03'
  AND status IN ('paid', 'shipped')
  AND total >= 500
ORDER BY placed_on DESC, total DESC, id;
