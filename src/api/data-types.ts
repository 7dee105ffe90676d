/**
 * The data type of the PDF receipt the app generates; nobody may create, change or delete it
 * (docs/altinn-behaviour.md §1.3: 403). Altinn/app-lib-dotnet src/Altinn.App.Core/Internal/Pdf/PdfService.cs PdfElementType.
 */
export const PDF_RECEIPT_DATA_TYPE = 'ref-data-as-pdf';
