# Included by ctest (TEST_INCLUDE_FILES) after gtest_discover_tests has defined docx_tests_TESTS:
# the real-client checks also carry the labels DEVELOPING.md lists (ooxml, python-docx, libreoffice).
foreach(_test IN LISTS docx_tests_TESTS)
  if(_test MATCHES "(^|/)DocxOoxml\\.")
    set_tests_properties("${_test}" PROPERTIES LABELS "docx;ooxml")
  elseif(_test MATCHES "(^|/)DocxPythonDocx\\.")
    set_tests_properties("${_test}" PROPERTIES LABELS "docx;python-docx")
  elseif(_test MATCHES "(^|/)DocxLibreOffice\\.")
    set_tests_properties("${_test}" PROPERTIES LABELS "docx;libreoffice")
  endif()
endforeach()
