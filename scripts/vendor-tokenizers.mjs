console.log('vendor: placeholder')
