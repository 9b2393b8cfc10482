"""GOV.UK Design System integration: form rendering, the date input, pagination
and template tags. No models; every app's forms and templates use it."""
